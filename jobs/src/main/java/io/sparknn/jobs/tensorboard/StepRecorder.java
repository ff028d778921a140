package io.sparknn.jobs.tensorboard;

import io.sparknn.distributed.spark.DriverProgress;
import io.sparknn.distributed.spark.StepProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps worker 0's running figures during training, at most one point per {@code interval} global
 * steps, for the TensorBoard run written afterwards. Worker 0 reports about twice a second, so
 * short intervals give one point per report. Bounded: beyond {@link #MAX_POINTS} it stops
 * recording (hours of training at two reports a second stay far below it).
 */
public final class StepRecorder implements AutoCloseable {
    static final int MAX_POINTS = 200_000;

    /** A recorded point: when the driver got it, the 1-based global step and the figures. */
    public record Point(Instant at, long globalStep, double loss, double samplesPerSecond) {}

    private final int interval;
    private final List<Point> points = new ArrayList<>();
    private final DriverProgress.Subscription subscription;
    /** The last recorded global step; 0 before the first (global steps start at 1). */
    private long last;

    private StepRecorder(int interval) {
        this.interval = interval;
        this.subscription = DriverProgress.subscribe(this::accept, false);
    }

    /** Starts recording; close it when training ends. */
    public static StepRecorder start(int interval) {
        return new StepRecorder(Math.max(1, interval));
    }

    synchronized void accept(StepProgress p) {
        long global = (long) (p.epoch() - 1) * p.steps() + p.step();
        if ((last == 0 || global - last >= interval) && points.size() < MAX_POINTS) {
            last = global;
            points.add(new Point(Instant.now(), global, p.loss(), p.samplesPerSecond()));
        }
    }

    public synchronized List<Point> points() {
        return List.copyOf(points);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
