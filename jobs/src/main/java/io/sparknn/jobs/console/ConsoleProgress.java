package io.sparknn.jobs.console;

import io.sparknn.distributed.spark.DriverProgress;
import io.sparknn.distributed.spark.StepProgress;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Redraws the progress bar in place ({@code \r}) on a terminal; an epoch's last step ends the
 * line, so each epoch leaves one finished bar. Attached only when stdout is a terminal, so logs
 * of Airflow or spark-submit get the plain progress lines and no control characters.
 */
public final class ConsoleProgress implements Consumer<StepProgress> {
    private final PrintStream out;
    private int width;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    /** The bar on System.out while training, or null when stdout is not a terminal. */
    public static DriverProgress.Subscription attachIfTerminal() {
        String term = System.getenv("TERM");
        if (System.console() == null || term == null || term.equals("dumb")) {
            return null;
        }
        return DriverProgress.subscribe(new ConsoleProgress(System.out), true);
    }

    @Override
    public synchronized void accept(StepProgress p) {
        String line = ProgressBar.render(p);
        // Pad over the previous, longer line (a shorter ETA, a smaller loss).
        String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
        width = line.length();
        out.print("\r" + padded + (p.step() >= p.steps() ? "\n" : ""));
        out.flush();
        if (p.step() >= p.steps()) {
            width = 0;
        }
    }
}
