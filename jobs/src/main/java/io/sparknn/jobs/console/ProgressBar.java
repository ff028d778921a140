package io.sparknn.jobs.console;

import io.sparknn.distributed.spark.StepProgress;
import java.util.Locale;

/**
 * One line of the live progress bar, Keras style:
 * {@code epoch 2/10 [=======>            ] 120/469  loss 0.4321  5,120 samples/s  ETA 5:00}.
 */
public final class ProgressBar {
    static final int BAR = 30;

    private ProgressBar() {}

    public static String render(StepProgress p) {
        int done = p.steps() <= 0 ? BAR : (int) ((long) BAR * p.step() / p.steps());
        StringBuilder bar = new StringBuilder(BAR);
        for (int i = 0; i < BAR; i++) {
            bar.append(i < done ? '=' : i == done ? '>' : ' ');
        }
        boolean finished = p.step() >= p.steps();
        return String.format(
                Locale.ROOT,
                "epoch %d/%d [%s] %d/%d  loss %.4f  %,.0f samples/s  %s",
                p.epoch(),
                p.epochs(),
                bar,
                p.step(),
                p.steps(),
                p.loss(),
                p.samplesPerSecond(),
                finished ? "done " + clock(p.elapsedSeconds()) : "ETA " + clock(p.etaSeconds()));
    }

    /** Seconds as m:ss (or h:mm:ss); "?" before the first estimate. */
    static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
