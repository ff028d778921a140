package io.sparknn.distributed.spark;

/**
 * Training cannot start with this configuration, and retrying would fail the same way: too few
 * task slots, dynamic allocation, an unwritable checkpoint directory, a network and batch that
 * do not fit the executor heap. Thrown on the driver before the training stage is launched; the
 * message names the setting to change. A configuration error (the jobs exit with code 2).
 */
public class TrainingSetupException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TrainingSetupException(String message) {
        super(message);
    }

    public TrainingSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
