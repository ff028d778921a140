package io.sparknn.ml;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Counts the Spark jobs whose description starts with "spark-nn: training" (the distributed
 * trainer's barrier job). Listener events arrive asynchronously, so {@link #count()} first runs
 * a marker job and waits for its start event: the listener bus delivers events in order, so
 * every job started before the marker has been counted by then.
 */
public final class TrainingJobCounter extends SparkListener implements AutoCloseable {
    private static final String DESCRIPTION = "spark.job.description";
    private static final String TRAINING = "spark-nn: training";

    private final SparkContext sc;
    private final AtomicLong trainingJobs = new AtomicLong();
    private final AtomicLong markers = new AtomicLong();
    private volatile String awaitedMarker;
    private volatile CountDownLatch markerSeen;

    private TrainingJobCounter(SparkContext sc) {
        this.sc = sc;
    }

    public static TrainingJobCounter register(SparkContext sc) {
        TrainingJobCounter counter = new TrainingJobCounter(sc);
        sc.addSparkListener(counter);
        return counter;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        String description =
                jobStart.properties() == null ? null : jobStart.properties().getProperty(DESCRIPTION);
        if (description == null) {
            return;
        }
        if (description.startsWith(TRAINING)) {
            trainingJobs.incrementAndGet();
        }
        CountDownLatch latch = markerSeen;
        if (latch != null && description.equals(awaitedMarker)) {
            latch.countDown();
        }
    }

    /** Training jobs started so far, after all earlier listener events were delivered. */
    public long count() {
        String marker = "spark-nn test marker " + markers.incrementAndGet();
        CountDownLatch latch = new CountDownLatch(1);
        awaitedMarker = marker;
        markerSeen = latch;
        String previous = sc.getLocalProperty(DESCRIPTION);
        sc.setJobDescription(marker);
        try {
            JavaSparkContext.fromSparkContext(sc).parallelize(List.of(1), 1).count();
        } finally {
            sc.setJobDescription(previous);
        }
        try {
            // A guard against a lost event, not a timing assertion: the event normally arrives in ms.
            if (!latch.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The listener never saw the marker job '" + marker + "'");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the marker job", e);
        }
        return trainingJobs.get();
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
