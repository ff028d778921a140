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
 * / median. {@code --encrypt} runs the ring with AES-GCM ({@link RingEncryption#AES_GCM}), as
 * training does when {@code spark.network.crypto.enabled} is on.
 */
public final class SparkAllReduceBenchmark {
    private SparkAllReduceBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        RingEncryption encryption = rest.remove("--encrypt") ? RingEncryption.AES_GCM : RingEncryption.OFF;
        Map<String, String> o =
                Options.parse(rest.toArray(new String[0]), List.of("workers", "floats", "iterations", "warmup"));
        int workers = Integer.parseInt(o.getOrDefault("workers", "2"));
        int floats = Integer.parseInt(o.getOrDefault("floats", "1000000"));
        int iterations = Integer.parseInt(o.getOrDefault("iterations", "50"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SparkSession spark = LocalClusterSession.start(workers, 1024, "spark-nn bench allreduce");
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
                            new Task(secret, floats, iterations, warmup, encryption),
                            false,
                            scala.reflect.ClassTag$.MODULE$.apply(String.class))
                    .collect();
            String timings =
                    Arrays.stream(out).filter(s -> !s.isEmpty()).findFirst().orElseThrow();
            double[] ms = Arrays.stream(timings.split(","))
                    .mapToDouble(Double::parseDouble)
                    .sorted()
                    .toArray();
            double median = ms[ms.length / 2];
            double p90 = ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.9) - 1)];
            double gbps = (double) floats * Float.BYTES * 2 * (workers - 1) / workers / (median / 1e3) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT bench=allreduce mode=local-cluster encrypted=%s floats=%d workers=%d "
                            + "iterations=%d median_ms=%.3f p90_ms=%.3f min_ms=%.3f gbps=%.3f check=ok%n",
                    encryption == RingEncryption.AES_GCM,
                    floats,
                    workers,
                    iterations,
                    median,
                    p90,
                    ms[0],
                    gbps);
        } finally {
            spark.stop();
        }
    }

    /** One barrier task: join the ring, warm up, time the all-reduces, check every element. */
    private static final class Task extends AbstractFunction1<Iterator<Integer>, Iterator<String>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final byte[] secret;
        private final int floats;
        private final int iterations;
        private final int warmup;
        private final RingEncryption encryption;

        Task(byte[] secret, int floats, int iterations, int warmup, RingEncryption encryption) {
            this.encryption = encryption;
            this.secret = secret.clone();
            this.floats = floats;
            this.iterations = iterations;
            this.warmup = warmup;
        }

        @Override
        public Iterator<String> apply(Iterator<Integer> ignored) {
            BarrierTaskContext ctx = BarrierTaskContext.get();
            StringBuilder times = new StringBuilder();
            try (Collective c = Rendezvous.join(ctx, secret, Duration.ofSeconds(60), encryption)) {
                float[] data = new float[floats];
                float expected = c.size() * (c.size() + 1) / 2f;
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
                        times.append(times.length() == 0 ? "" : ",").append((t1 - t0) / 1e6);
                    }
                }
            }
            return ScalaCollections.asScala(List.of(times.toString()).iterator());
        }
    }
}
