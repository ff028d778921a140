package io.sparknn.distributed.spark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where worker 0's progress lines end up on the driver: the driver log (logger
 * {@code io.sparknn.progress}; step lines at most every {@link #LOG_INTERVAL_NANOS} and at an
 * epoch's last step) and the subscribers, which get every step, e.g. a console progress bar.
 * While a subscriber displays progress itself, step lines go to the log at DEBUG only, so that
 * they do not break its display.
 */
public final class DriverProgress {
    private static final Logger LOG = LoggerFactory.getLogger("io.sparknn.progress");
    static final long LOG_INTERVAL_NANOS = 5_000_000_000L;
    private static final List<Subscription> SUBSCRIBERS = new CopyOnWriteArrayList<>();
    private static volatile long lastLogged;

    private DriverProgress() {}

    /** A subscriber, until closed. */
    public static final class Subscription implements AutoCloseable {
        private final Consumer<StepProgress> listener;
        private final boolean displays;

        private Subscription(Consumer<StepProgress> listener, boolean displays) {
            this.listener = listener;
            this.displays = displays;
        }

        @Override
        public void close() {
            SUBSCRIBERS.remove(this);
        }
    }

    /** @param displays whether the listener shows progress on the console (step lines then leave it) */
    public static Subscription subscribe(Consumer<StepProgress> listener, boolean displays) {
        Subscription s = new Subscription(listener, displays);
        SUBSCRIBERS.add(s);
        return s;
    }

    /** One line from worker 0. */
    static void accept(String line) {
        StepProgress step = StepProgress.parse(line);
        if (step == null) {
            LOG.info("spark-nn {}", line);
            return;
        }
        boolean displayed = false;
        for (Subscription s : SUBSCRIBERS) {
            try {
                s.listener.accept(step);
            } catch (RuntimeException e) {
                LOG.warn("A progress subscriber failed on '{}': {}", line, e.toString());
            }
            displayed |= s.displays;
        }
        long now = System.nanoTime();
        if (displayed) {
            LOG.debug("spark-nn {}", line);
        } else if (now - lastLogged >= LOG_INTERVAL_NANOS || step.step() == step.steps()) {
            lastLogged = now;
            LOG.info("spark-nn {}", line);
        }
    }
}
