package io.sparknn.distributed;

import io.sparknn.backend.Backend;
import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.checkpoint.CheckpointStore;
import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.InProcessCollective;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/** Runs N training workers as threads of the test JVM, over an in-process collective by default. */
final class WorkerGroup {
    private WorkerGroup() {}

    /** Runs the workers and returns their results in rank order; rethrows the first failure. */
    static List<WorkerResult> run(
            int workers,
            WorkerSettings settings,
            Backend backend,
            IntFunction<LabeledSamples> dataOf,
            CheckpointStore store,
            ProgressListener progress)
            throws Exception {
        return run(
                InProcessCollective.group(workers, Duration.ofSeconds(20)),
                settings,
                backend,
                dataOf,
                store,
                progress,
                UnaryOperator.identity());
    }

    /**
     * Runs one worker per member of {@code group} (closing each member afterwards), each worker
     * set up by {@code setup}; returns the results in rank order and rethrows the first failure.
     */
    static List<WorkerResult> run(
            List<Collective> group,
            WorkerSettings settings,
            Backend backend,
            IntFunction<LabeledSamples> dataOf,
            CheckpointStore store,
            ProgressListener progress,
            UnaryOperator<TrainingWorker> setup)
            throws Exception {
        int workers = group.size();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<WorkerResult>> futures = new ArrayList<>();
            for (int r = 0; r < workers; r++) {
                Collective c = group.get(r);
                LabeledSamples data = dataOf.apply(r);
                futures.add(pool.submit(() -> {
                    try (c) {
                        return setup.apply(new TrainingWorker(
                                        settings, backend, c, data, null, store, c.rank() == 0 ? progress : null))
                                .run();
                    }
                }));
            }
            List<WorkerResult> results = new ArrayList<>();
            for (Future<WorkerResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Exception ex) {
                        throw ex;
                    }
                    throw e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
