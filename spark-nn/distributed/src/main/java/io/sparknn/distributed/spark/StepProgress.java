package io.sparknn.distributed.spark;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worker 0's running figures after a step, as one progress line travels from the worker to the
 * driver: {@code epoch 2/10 step 120/469 loss 0.4321 samples/s 5120 elapsed 42s ETA 300s}. This
 * class is the line's one codec; epochs and steps are 1-based.
 */
public record StepProgress(
        int epoch,
        int epochs,
        int step,
        int steps,
        double loss,
        double samplesPerSecond,
        double elapsedSeconds,
        double etaSeconds) {
    private static final Pattern LINE = Pattern.compile(
            "epoch (\\d+)/(\\d+) step (\\d+)/(\\d+) loss (\\S+) " + "samples/s (\\S+) elapsed (\\S+)s ETA (\\S+)s");

    public String format() {
        return String.format(
                Locale.ROOT,
                "epoch %d/%d step %d/%d loss %.4f samples/s %.0f elapsed %.0fs ETA %.0fs",
                epoch,
                epochs,
                step,
                steps,
                loss,
                samplesPerSecond,
                elapsedSeconds,
                etaSeconds);
    }

    /** The step progress a line carries, or null for another line (an epoch's summary). */
    public static StepProgress parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        return new StepProgress(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                number(m.group(5)),
                number(m.group(6)),
                number(m.group(7)),
                number(m.group(8)));
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN; // "NaN" and "Infinity" parse; anything else is not a figure
        }
    }
}
