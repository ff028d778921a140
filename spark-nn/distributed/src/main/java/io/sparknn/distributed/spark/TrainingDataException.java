package io.sparknn.distributed.spark;

/**
 * The training data cannot be spread over the workers, and retrying would fail the same way
 * (a worker would get no training rows). Thrown on the driver before the training stage is
 * launched. An input-data error (the jobs exit with code 3).
 */
public class TrainingDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TrainingDataException(String message) {
        super(message);
    }
}
