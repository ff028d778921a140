package io.sparknn.distributed.spark;

/**
 * The training stage failed on the executors. The message is one line carrying the first real
 * error of a worker (not the peers' follow-up errors, nor Spark's "failed the maximum allowable
 * number of times"); the cause is Spark's own exception with every attempt's details.
 */
public class DistributedTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DistributedTrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
