package io.sparknn.train;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Training stopped because the loss or the weights stopped being finite numbers (NaN or
 * Infinity): continuing would only produce, save and score a model of NaN. The message names
 * the epoch and step and suggests the fix (learning rate, feature/label scale, clipping).
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long globalStep;

    public TrainingDivergedException(String message, int epoch, long globalStep) {
        super(message);
        this.epoch = epoch;
        this.globalStep = globalStep;
    }

    /** The same divergence, rethrown where it arrives wrapped (e.g. from a failed Spark task). */
    public TrainingDivergedException(TrainingDivergedException original, Throwable wrapper) {
        super(original.getMessage(), wrapper);
        this.epoch = original.epoch;
        this.globalStep = original.globalStep;
    }

    /**
     * The divergence inside {@code e}: the first TrainingDivergedException in its cause chain,
     * or one rebuilt from a message that quotes it. Spark gives up on a barrier stage after
     * several attempts with a SparkException that has no cause, only the last task's failure
     * as text ({@code ...\nio.sparknn.train.TrainingDivergedException: Training diverged ...}).
     * Null if there is none.
     */
    public static TrainingDivergedException findIn(Throwable e) {
        // The instance first: a wrapper's message often quotes its cause's toString().
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TrainingDivergedException d) {
                return d;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf(QUOTED);
            if (at >= 0) {
                String text = m.substring(at + QUOTED.length())
                        .lines()
                        .findFirst()
                        .orElse("")
                        .strip();
                Matcher epoch = EPOCH.matcher(text);
                Matcher update = UPDATE.matcher(text);
                return new TrainingDivergedException(
                        text,
                        epoch.find() ? Integer.parseInt(epoch.group(1)) : 0,
                        update.find() ? Long.parseLong(update.group(1)) - 1 : -1);
            }
        }
        return null;
    }

    private static final String QUOTED = TrainingDivergedException.class.getName() + ": ";
    private static final Pattern EPOCH = Pattern.compile("^Training diverged in epoch (\\d+)");
    private static final Pattern UPDATE = Pattern.compile("\\(update (\\d+)\\)");

    /** The epoch (from 1) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The number of updates applied before the divergence was seen. */
    public long globalStep() {
        return globalStep;
    }
}
