package io.sparknn.distributed.spark;

/**
 * The workers read the training rows and found values they must not train on (nulls, NaN or
 * infinite values, wrong lengths, labels outside the classes, negative weights, too few rows for
 * the batch or the workers); nothing was trained. Carries the merged {@link InputAudit}, so a
 * caller that knows the input can name the offending row. An input-data error (the jobs exit with
 * code 3).
 */
public class RejectedInputException extends TrainingDataException {
    private static final long serialVersionUID = 1L;

    private final transient InputAudit audit;

    public RejectedInputException(String message, InputAudit audit) {
        super(message);
        this.audit = audit;
    }

    /** What the workers found; null after the exception was serialized. */
    public InputAudit audit() {
        return audit;
    }
}
