package io.sparknn.distributed.spark;

import io.sparknn.distributed.collective.CollectiveException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records why the tasks of the training jobs failed, so a failed run reports its first real
 * error in one line. When one worker fails, its peers fail next with {@link CollectiveException}s
 * about the closed ring, and Spark ends with "failed the maximum allowable number of times" and
 * the last of those; the worker's own error is the one to show.
 */
final class StageFailures extends SparkListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StageFailures.class);
    private static final String RUN_PROPERTY = "spark.sparknn.trainingRun";
    private static final long DRAIN_MILLIS = 5_000;

    /** One failed task attempt. */
    record Failure(int worker, int stageAttempt, String className, String message) {
        boolean followUp() {
            return CollectiveException.class.getName().equals(className);
        }

        String oneLine() {
            String m = message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
            return "worker " + worker + " (stage attempt " + stageAttempt + "): "
                    + (className == null ? m : className + ": " + m);
        }
    }

    private final SparkContext sc;
    private final String run = UUID.randomUUID().toString();
    private final String previous;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();

    /** Tags the jobs this thread starts from now on and listens to their tasks. */
    StageFailures(SparkContext sc) {
        this.sc = sc;
        this.previous = sc.getLocalProperty(RUN_PROPERTY);
        sc.setLocalProperty(RUN_PROPERTY, run);
        sc.addSparkListener(this);
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        Properties p = job.properties();
        if (p != null && run.equals(p.getProperty(RUN_PROPERTY))) {
            scala.collection.Iterator<Object> it = job.stageIds().iterator();
            while (it.hasNext()) {
                stages.add((Integer) it.next());
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!stages.contains(end.stageId())
                || !(end.reason() instanceof TaskFailedReason reason)
                || reason instanceof TaskKilled) {
            return;
        }
        int worker = end.taskInfo().index();
        if (reason instanceof ExceptionFailure e) {
            failures.add(new Failure(worker, end.stageAttemptId(), e.className(), e.description()));
        } else {
            failures.add(new Failure(worker, end.stageAttemptId(), null, reason.toErrorString()));
        }
    }

    /**
     * The first failure that is not a peer's follow-up error, else the first failure; null when
     * no task failure was seen (e.g. the driver failed). Waits briefly for Spark to deliver the
     * task events, which arrive asynchronously.
     */
    Failure first() {
        try {
            sc.listenerBus().waitUntilEmpty(DRAIN_MILLIS);
        } catch (TimeoutException e) {
            LOG.debug("Spark's listener events were not all delivered within {} ms", DRAIN_MILLIS);
        }
        return failures.stream()
                .filter(f -> !f.followUp())
                .findFirst()
                .orElse(failures.isEmpty() ? null : failures.get(0));
    }

    int count() {
        return failures.size();
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
        sc.setLocalProperty(RUN_PROPERTY, previous); // null removes it
    }
}
