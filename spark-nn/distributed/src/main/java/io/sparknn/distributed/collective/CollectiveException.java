package io.sparknn.distributed.collective;

/**
 * A collective operation failed: a peer closed its connection, stopped responding within the
 * timeout, failed authentication, or the ranks called different operations. The message names
 * the rank, the peer and the operation. A collective that threw this is broken: every later
 * call fails too, and the training run must stop (and, under Spark, be retried).
 */
public class CollectiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CollectiveException(String message) {
        super(message);
    }

    public CollectiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
