package io.sparknn.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.Backend;
import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.CollectiveException;
import io.sparknn.distributed.collective.InProcessCollective;
import io.sparknn.distributed.collective.TcpCollective;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.train.TrainingConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reducing the gradients in buckets during the backward pass must not change a bit of the
 * result: the same seeded run with and without the overlap ends with identical weights, with
 * clipping by global norm, frozen parameters and dropout, on the in-process and the TCP
 * collective. A peer that dies mid-step fails the run with the communication thread's error.
 */
class OverlappedTrainingTest {
    private static final Backend MKL = Backends.create("mkl", 1);
    private static final NetworkSpec SPEC = NetworkSpec.builder(12)
            .dense(24, Activation.TANH)
            .dropout(0.2f)
            .dense(16, Activation.RELU)
            .dense(8, Activation.RELU)
            .dense(3, Activation.SOFTMAX)
            .build();
    private static final String THREAD_PREFIX = "sparknn-reduce-scatter-rank-";

    @AfterAll
    static void closeBackend() {
        MKL.close();
    }

    private static WorkerSettings settings(int threads) {
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Adam())
                .learningRate(0.01f)
                .batchSize(32)
                .epochs(2)
                .seed(11)
                .threads(threads)
                .clipNorm(0.5) // small enough to clip most steps
                .build();
        int[] frozen = {12 * 24 + 24 + 16 * 8, 12 * 24 + 24 + 24 * 16}; // part of the second layer
        return new WorkerSettings(SPEC, cfg, WorkerSettings.Sharding.GLOBAL, 0, 0, null, frozen, 0);
    }

    @ParameterizedTest(name = "{0}, {1} workers, {2} thread(s)")
    @CsvSource({"in-process, 2, 1", "in-process, 3, 1", "in-process, 3, 2", "tcp, 2, 1", "tcp, 3, 1"})
    void bucketsDuringTheBackwardPassGiveTheWeightsOfOneReduceScatterAfterIt(String kind, int workers, int threads)
            throws Exception {
        LabeledSamples d = TrainingWorkerTest.data(200, 5);
        WorkerSettings s = settings(threads);
        float[] after = train(kind, workers, s, d, w -> w.overlapCommunication(false));
        float[] perLayer = train(kind, workers, s, d, w -> w.minBucketFloats(1));
        float[] merged = train(kind, workers, s, d, UnaryOperator.identity());
        assertArrayEquals(after, perLayer, "a bucket per layer vs one reduce-scatter after the backward pass");
        assertArrayEquals(after, merged, "default buckets vs one reduce-scatter after the backward pass");
        assertEquals(List.of(), reduceScatterThreads(), "every run ends its communication threads");
    }

    @Test
    void aPeerDyingInTheOverlappedReduceScatterFailsTheRunWithContext() throws Exception {
        LabeledSamples d = TrainingWorkerTest.data(200, 6);
        List<Collective> group = tcp(2, Duration.ofSeconds(10));
        // Rank 1 dies in its fifth bucket (second step): it closes its links and its thread throws.
        group.set(1, new DyingCollective(group.get(1), 5));
        Exception e = assertThrows(
                Exception.class,
                () -> WorkerGroup.run(group, settings(1), MKL, r -> d, null, null, w -> w.minBucketFloats(1)));
        CollectiveException ce = assertInstanceOf(CollectiveException.class, e);
        assertTrue(ce.getMessage().startsWith("rank "), ce.getMessage());
        assertTrue(
                ce.getMessage().contains("the reduce-scatter of the gradients on thread " + THREAD_PREFIX),
                ce.getMessage());
        assertTrue(ce.getMessage().contains(" gradients: "), ce.getMessage()); // names the bucket
        assertEquals(List.of(), reduceScatterThreads(), "the communication threads end on failure too");
    }

    private static float[] train(
            String kind, int workers, WorkerSettings s, LabeledSamples d, UnaryOperator<TrainingWorker> setup)
            throws Exception {
        List<Collective> group = kind.equals("tcp")
                ? tcp(workers, Duration.ofSeconds(20))
                : InProcessCollective.group(workers, Duration.ofSeconds(20));
        List<WorkerResult> results = WorkerGroup.run(group, s, MKL, r -> d, null, null, setup);
        for (WorkerResult r : results) {
            assertArrayEquals(results.get(0).weights(), r.weights(), "all workers must end with the same bits");
        }
        return results.get(0).weights();
    }

    private static List<String> reduceScatterThreads() throws InterruptedException {
        List<String> alive = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(THREAD_PREFIX)) {
                t.join(5_000); // closing waits for the thread, but a failed one may still be unwinding
                if (t.isAlive()) {
                    alive.add(t.getName());
                }
            }
        }
        return alive;
    }

    /** A TCP ring of {@code size} on loopback. */
    private static List<Collective> tcp(int size, Duration timeout) throws Exception {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        List<ServerSocketChannel> listeners = new ArrayList<>();
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            ServerSocketChannel l = TcpCollective.listen(InetAddress.getLoopbackAddress());
            listeners.add(l);
            peers.add((InetSocketAddress) l.getLocalAddress());
        }
        ExecutorService pool = Executors.newFixedThreadPool(size);
        try {
            List<Future<Collective>> joined = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                int rank = r;
                joined.add(pool.submit(
                        () -> (Collective) TcpCollective.connect(rank, peers, listeners.get(rank), secret, timeout)));
            }
            List<Collective> group = new ArrayList<>();
            for (Future<Collective> f : joined) {
                group.add(f.get(60, TimeUnit.SECONDS));
            }
            return group;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A member that closes itself and throws in its {@code n}-th windowed reduce-scatter. */
    private static final class DyingCollective implements Collective {
        private final Collective delegate;
        private final int n;
        private final AtomicInteger calls = new AtomicInteger();

        DyingCollective(Collective delegate, int n) {
            this.delegate = delegate;
            this.n = n;
        }

        @Override
        public void reduceScatterSum(float[] data, int offset, int length, int from, int to) {
            if (calls.incrementAndGet() == n) {
                delegate.close();
                throw new CollectiveException("rank 1 died (test)");
            }
            delegate.reduceScatterSum(data, offset, length, from, to);
        }

        @Override
        public int rank() {
            return delegate.rank();
        }

        @Override
        public int size() {
            return delegate.size();
        }

        @Override
        public void allReduceSum(float[] data, int offset, int length) {
            delegate.allReduceSum(data, offset, length);
        }

        @Override
        public void reduceScatterSum(float[] data, int offset, int length) {
            delegate.reduceScatterSum(data, offset, length);
        }

        @Override
        public void allGather(float[] data, int offset, int length) {
            delegate.allGather(data, offset, length);
        }

        @Override
        public void allReduceSum(double[] values) {
            delegate.allReduceSum(values);
        }

        @Override
        public void barrier() {
            delegate.barrier();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
