package io.sparknn.bench.engine;

import io.sparknn.train.ThreadTeam;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * What {@code bench pool} and {@code bench bn} share: cutting a batch into shards as the trainer
 * does, timing a forward and a backward pass over them (median of the iterations after a
 * warm-up), and comparing the two implementations' results.
 */
final class ShardedPasses {
    private ShardedPasses() {}

    /**
     * How many callers run oneDNN for {@code threads} engine threads: one per thread when each call
     * gets one OpenMP thread (as the engine runs it), else one caller on an OpenMP team of
     * {@code threads}. Any other team size would not use the same cores as the Java side.
     */
    static int oneDnnCallers(int threads) {
        int omp = io.sparknn.backend.mkl.OneDnnConvolution.openMpThreads();
        if (omp != threads && omp != 1) {
            throw new BenchArgs.UsageException("oneDNN would run " + omp
                    + " OpenMP thread(s) per call but --threads is "
                    + threads + ": run with OMP_NUM_THREADS=" + threads + " (one caller, OpenMP parallelism) or "
                    + "OMP_NUM_THREADS=1 (one shard per thread, like the engine), so that both implementations use the "
                    + "same cores.");
        }
        return omp == 1 ? threads : 1;
    }

    /** The oneDNN implementation's name in RESULT lines for {@code callers}. */
    static String oneDnnName(int callers) {
        return callers > 1 ? "onednn-sharded" : "onednn";
    }

    /** {@code from[t]..from[t+1]} are the samples of shard {@code t}; as even as the trainer's cut. */
    static int[] shards(int batch, int parts) {
        int[] from = new int[parts + 1];
        for (int t = 0; t < parts; t++) {
            from[t + 1] = (int) ((long) batch * (t + 1) / parts);
        }
        return from;
    }

    /** Median milliseconds of {@code fwd} and of {@code bwd}, each run once per caller per iteration. */
    static double[] time(ThreadTeam team, int callers, IntConsumer fwd, IntConsumer bwd, int iterations, int warmup) {
        double[][] samples = new double[2][iterations];
        for (int i = -warmup; i < iterations; i++) {
            long t0 = System.nanoTime();
            runOn(team, callers, fwd);
            long t1 = System.nanoTime();
            runOn(team, callers, bwd);
            long t2 = System.nanoTime();
            if (i >= 0) {
                samples[0][i] = (t1 - t0) / 1e6;
                samples[1][i] = (t2 - t1) / 1e6;
            }
        }
        return new double[] {median(samples[0]), median(samples[1])};
    }

    /** One caller runs on this thread (so OpenMP's team is the only parallelism), several on the team. */
    private static void runOn(ThreadTeam team, int callers, IntConsumer task) {
        if (callers == 1) {
            task.accept(0);
        } else {
            team.run(task);
        }
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** Uniform in [-scale, scale): continuous, so max-pooling windows have no ties. */
    static float[] random(int n, SplittableRandom rng, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble(-1, 1) * scale);
        }
        return a;
    }
}
