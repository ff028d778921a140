package io.sparknn.bench.distributed;

import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.RingEncryption;
import io.sparknn.distributed.spark.Rendezvous;
import io.sparknn.sparkio.compat.ScalaCollections;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.sql.SparkSession;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * {@code bench allreduce}: the TCP ring all-reduce between Spark executor JVMs. Starts a
 * local-cluster with one single-core executor per worker, runs one barrier stage whose tasks
 * join the ring exactly as training workers do ({@link Rendezvous}), and times
 * {@code --iterations} all-reduces of {@code --floats} floats at rank 0, each after a barrier.
 * Prints {@code RESULT bench=allreduce mode=local-cluster encrypted=false floats=... workers=...
 * median_ms=... p90_ms=... min_ms=... gbps=... check=ok}; {@code gbps} is array bytes × 2(N-1)/N
 * / median. {@code --workers} and {@code --floats} take comma-separated lists: one cluster per
 * worker count, every size timed in it, a RESULT line per pair, then the {@link RingCostModel}
 * fitted to all medians and to all minima: {@code RESULT bench=allreduce-model stat=median|min ...
 * alpha_us=... beta_ns_per_byte=...}, each followed by every point's measured and modelled time.
 * {@code --encrypt} runs the ring with AES-GCM ({@link RingEncryption#AES_GCM}), as training does
 * when {@code spark.network.crypto.enabled} is on.
 */
public final class SparkAllReduceBenchmark {
    private SparkAllReduceBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        RingEncryption encryption = rest.remove("--encrypt") ? RingEncryption.AES_GCM : RingEncryption.OFF;
        Map<String, String> o =
                Options.parse(rest.toArray(new String[0]), List.of("workers", "floats", "iterations", "warmup"));
        int[] workerCounts = intList("workers", o.getOrDefault("workers", "2"));
        int[] sizes = intList("floats", o.getOrDefault("floats", "1000000"));
        int iterations = Integer.parseInt(o.getOrDefault("iterations", "50"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        List<RingCostModel.Point> medians = new ArrayList<>();
        List<RingCostModel.Point> minima = new ArrayList<>();
        for (int workers : workerCounts) {
            String[] timings = timeOneCluster(workers, sizes, iterations, warmup, secret, encryption);
            for (int s = 0; s < sizes.length; s++) {
                double[] ms = Arrays.stream(timings[s].split(","))
                        .mapToDouble(Double::parseDouble)
                        .sorted()
                        .toArray();
                double median = ms[ms.length / 2];
                double p90 = ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.9) - 1)];
                long bytes = (long) sizes[s] * Float.BYTES;
                double gbps = RingCostModel.wireBytes(workers, bytes) / (median / 1e3) / 1e9;
                medians.add(new RingCostModel.Point(workers, bytes, median / 1e3));
                minima.add(new RingCostModel.Point(workers, bytes, ms[0] / 1e3));
                System.out.printf(
                        Locale.ROOT,
                        "RESULT bench=allreduce mode=local-cluster encrypted=%s floats=%d workers=%d "
                                + "iterations=%d median_ms=%.3f p90_ms=%.3f min_ms=%.3f gbps=%.3f check=ok%n",
                        encryption == RingEncryption.AES_GCM,
                        sizes[s],
                        workers,
                        iterations,
                        median,
                        p90,
                        ms[0],
                        gbps);
            }
        }
        if (medians.size() > 1) {
            boolean encrypted = encryption == RingEncryption.AES_GCM;
            printFit("median", medians, encrypted);
            // On a shared host the fastest iteration is the one least delayed by other processes.
            printFit("min", minima, encrypted);
        }
    }

    /** The fitted model, then each point's measured and modelled time (the residuals). */
    private static void printFit(String statistic, List<RingCostModel.Point> points, boolean encrypted) {
        RingCostModel model = RingCostModel.fit(points);
        System.out.printf(
                Locale.ROOT,
                "RESULT bench=allreduce-model stat=%s encrypted=%s points=%d alpha_us=%.1f beta_ns_per_byte=%.4f "
                        + "link_gbps=%.3f max_rel_error=%.3f%n",
                statistic,
                encrypted,
                points.size(),
                model.alphaSeconds() * 1e6,
                model.betaSecondsPerByte() * 1e9,
                model.betaSecondsPerByte() > 0 ? 1e-9 / model.betaSecondsPerByte() : Double.POSITIVE_INFINITY,
                model.maxRelativeError(points));
        for (RingCostModel.Point p : points) {
            double predicted = model.seconds(p.workers(), p.bytes());
            System.out.printf(
                    Locale.ROOT,
                    "  fit stat=%s workers=%d bytes=%d measured_ms=%.3f model_ms=%.3f rel_error=%+.3f%n",
                    statistic,
                    p.workers(),
                    p.bytes(),
                    p.seconds() * 1e3,
                    predicted * 1e3,
                    predicted / p.seconds() - 1);
        }
    }

    /** One local-cluster of {@code workers} executors; per size, rank 0's timings in ms, comma-separated. */
    private static String[] timeOneCluster(
            int workers, int[] sizes, int iterations, int warmup, byte[] secret, RingEncryption encryption)
            throws Exception {
        long largest = Arrays.stream(sizes).max().orElseThrow();
        // The array plus the ring's chunk buffers, with room for the executor's own heap use.
        int executorMb = (int) Math.max(1024, 384 + 3 * largest * Float.BYTES / (1 << 20));
        SparkSession spark = LocalClusterSession.start(workers, executorMb, "spark-nn bench allreduce");
        try {
            List<Integer> ranks = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                ranks.add(i);
            }
            String[] out = (String[]) spark.sparkContext()
                    .parallelize(
                            ScalaCollections.asScalaSeq(ranks),
                            workers,
                            scala.reflect.ClassTag$.MODULE$.apply(Integer.class))
                    .barrier()
                    .mapPartitions(
                            new Task(secret, sizes, iterations, warmup, encryption),
                            false,
                            scala.reflect.ClassTag$.MODULE$.apply(String.class))
                    .collect();
            return Arrays.stream(out)
                    .filter(s -> !s.isEmpty())
                    .findFirst()
                    .orElseThrow()
                    .split(";");
        } finally {
            spark.stop();
        }
    }

    private static int[] intList(String option, String value) {
        try {
            int[] values = Arrays.stream(value.split(","))
                    .mapToInt(v -> Integer.parseInt(v.trim()))
                    .toArray();
            if (Arrays.stream(values).anyMatch(v -> v <= 0)) {
                throw new NumberFormatException();
            }
            return values;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + option + " takes positive integers separated by commas, e.g. 2,3,4; got '" + value + "'");
        }
    }

    /** One barrier task: join the ring, warm up, time the all-reduces, check every element. */
    private static final class Task extends AbstractFunction1<Iterator<Integer>, Iterator<String>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final byte[] secret;
        private final int[] sizes;
        private final int iterations;
        private final int warmup;
        private final RingEncryption encryption;

        Task(byte[] secret, int[] sizes, int iterations, int warmup, RingEncryption encryption) {
            this.encryption = encryption;
            this.secret = secret.clone();
            this.sizes = sizes.clone();
            this.iterations = iterations;
            this.warmup = warmup;
        }

        @Override
        public Iterator<String> apply(Iterator<Integer> ignored) {
            BarrierTaskContext ctx = BarrierTaskContext.get();
            StringBuilder times = new StringBuilder();
            try (Collective c = Rendezvous.join(ctx, secret, Duration.ofSeconds(60), encryption)) {
                float expected = c.size() * (c.size() + 1) / 2f;
                for (int floats : sizes) {
                    float[] data = new float[floats];
                    times.append(times.length() == 0 ? "" : ";");
                    int start = times.length();
                    for (int i = 0; i < warmup + iterations; i++) {
                        Arrays.fill(data, c.rank() + 1);
                        c.barrier();
                        long t0 = System.nanoTime();
                        c.allReduceSum(data, 0, floats);
                        long t1 = System.nanoTime();
                        for (float v : data) {
                            if (v != expected) {
                                throw new IllegalStateException("all-reduce gave " + v + ", expected " + expected);
                            }
                        }
                        if (i >= warmup && c.rank() == 0) {
                            times.append(times.length() == start ? "" : ",").append((t1 - t0) / 1e6);
                        }
                    }
                }
            }
            return ScalaCollections.asScala(List.of(times.toString()).iterator());
        }
    }
}
