package io.sparknn.bench.engine;

import io.sparknn.backend.Backend;
import io.sparknn.backend.mkl.OneDnnBatchNormalization;
import io.sparknn.backend.mkl.OneDnnConvolution;
import io.sparknn.backend.select.Backends;
import io.sparknn.nn.BatchNormalization;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import io.sparknn.train.ThreadTeam;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * {@code bench bn}: times BatchNormalization in training (batch statistics) forward plus backward
 * (input, gamma and beta gradients) on {@code [batch, 32, 26, 26]} NCHW, the output of the first
 * seed-004 convolution, two ways: {@code java}, the engine's {@code BatchNormalizationLayer} with
 * the batch cut into one shard per thread as training runs it (each shard normalises with its
 * own statistics), and {@code onednn}, oneDNN's batch_normalization primitives on plain NCHW
 * memory, on the same shards ({@code onednn-sharded}, {@code OMP_NUM_THREADS=1}) or on the whole
 * batch from one caller ({@code OMP_NUM_THREADS=T}). Both copy Java arrays in and out. Prints
 * one {@code RESULT} line per implementation with the largest difference of y, dx, dgamma and
 * dbeta ({@code max_diff}); it is only comparable when both use the same shards.
 */
final class BatchNormBenchmark {
    private static final int CHANNELS = 32;
    private static final int SIZE = 26;

    private BatchNormBenchmark() {}

    static int run(BenchArgs args) throws Exception {
        int batch = Math.max(1, args.intValue("batch", 64));
        int threads = Math.max(1, args.intValue("threads", Runtime.getRuntime().availableProcessors()));
        int iterations = Math.max(1, args.intValue("iterations", 100));
        int warmup = args.intValue("warmup", 20);
        args.rejectUnknown();
        int callers = ShardedPasses.oneDnnCallers(threads);
        String onednnName = ShardedPasses.oneDnnName(callers);
        int size = CHANNELS * SIZE * SIZE;
        SplittableRandom rng = new SplittableRandom(11);
        float[] x = ShardedPasses.random(batch * size, rng, 1f);
        float[] dy = ShardedPasses.random(batch * size, rng, 0.01f);
        float[] params = new float[2 * CHANNELS]; // gamma then beta, as the layer binds them
        for (int c = 0; c < CHANNELS; c++) {
            params[c] = 1f + 0.1f * c / CHANNELS;
            params[CHANNELS + c] = 0.05f * c / CHANNELS;
        }
        float epsilon = BatchNormalization.DEFAULT_EPSILON;
        float[][] y = {new float[x.length], new float[x.length]};
        float[][] dx = {new float[x.length], new float[x.length]};
        float[][] dParams = new float[2][];
        dParams[1] = new float[2 * CHANNELS];
        double[][] ms = new double[2][];
        String impl;
        try (Backend backend = Backends.create("java", 1);
                ThreadTeam team = new ThreadTeam(threads, "sparknn-bench-bn")) {
            System.out.printf(
                    Locale.ROOT,
                    "bench bn: %s, shape=[%d, %d, %d, %d] batch=%d threads=%d iterations=%d warmup=%d%n",
                    OneDnnConvolution.version(),
                    batch,
                    CHANNELS,
                    SIZE,
                    SIZE,
                    batch,
                    threads,
                    iterations,
                    warmup);
            // java: one layer per shard, each with its own gradient buffer, summed afterwards like the trainer.
            int[] from = ShardedPasses.shards(batch, threads);
            Layer[] layers = new Layer[threads];
            float[][] grads = new float[threads][2 * CHANNELS];
            float[] state = new float[2 * CHANNELS * threads];
            for (int t = 0; t < threads; t++) {
                layers[t] = new BatchNormalization()
                        .build(Shape.of(CHANNELS, SIZE, SIZE), backend)
                        .get(0);
                layers[t].bind(params, grads[t], 0);
                layers[t].bindState(state, 2 * CHANNELS * t);
                layers[t].initializeState();
            }
            float[][] shardX = new float[threads][];
            float[][] shardDy = new float[threads][];
            for (int t = 0; t < threads; t++) {
                shardX[t] = Arrays.copyOfRange(x, from[t] * size, from[t + 1] * size);
                shardDy[t] = Arrays.copyOfRange(dy, from[t] * size, from[t + 1] * size);
            }
            ForwardContext ctx = new ForwardContext(true, 0L);
            IntConsumer fwd = t -> {
                float[] out = layers[t].forward(shardX[t], from[t + 1] - from[t], ctx);
                System.arraycopy(out, 0, y[0], from[t] * size, (from[t + 1] - from[t]) * size);
            };
            IntConsumer bwd = t -> {
                float[] g = layers[t].backward(shardDy[t], from[t + 1] - from[t], true);
                System.arraycopy(g, 0, dx[0], from[t] * size, (from[t + 1] - from[t]) * size);
            };
            ms[0] = ShardedPasses.time(team, threads, fwd, bwd, iterations, warmup);
            dParams[0] = sum(grads);
            String[] implName = new String[1];
            ms[1] = timeOneDnn(
                    x,
                    dy,
                    params,
                    epsilon,
                    batch,
                    size,
                    callers,
                    team,
                    y[1],
                    dx[1],
                    dParams[1],
                    iterations,
                    warmup,
                    implName);

            impl = implName[0];
        }
        double diff = Math.max(
                Math.max(ShardedPasses.maxAbsDiff(y[0], y[1]), ShardedPasses.maxAbsDiff(dx[0], dx[1])),
                ShardedPasses.maxAbsDiff(dParams[0], dParams[1]));
        print("java", batch, threads, ms[0], diff, "");
        print(onednnName, batch, threads, ms[1], diff, " impl=" + impl);
        return 0;
    }

    private static double[] timeOneDnn(
            float[] x,
            float[] dy,
            float[] params,
            float epsilon,
            int batch,
            int size,
            int callers,
            ThreadTeam team,
            float[] y,
            float[] dx,
            float[] dParams,
            int iterations,
            int warmup,
            String[] impl) {
        int[] from = ShardedPasses.shards(batch, callers);
        OneDnnBatchNormalization[] bns = new OneDnnBatchNormalization[callers];
        float[][] grads = new float[callers][2 * CHANNELS];
        try {
            for (int t = 0; t < callers; t++) {
                bns[t] = new OneDnnBatchNormalization(from[t + 1] - from[t], CHANNELS, SIZE, SIZE, epsilon);
            }
            impl[0] = bns[0].implementation();
            IntConsumer fwd = t -> bns[t].forward(x, from[t] * size, params, 0, params, CHANNELS, y, from[t] * size);
            IntConsumer bwd =
                    t -> bns[t].backward(dy, from[t] * size, dx, from[t] * size, grads[t], 0, grads[t], CHANNELS);
            double[] ms = ShardedPasses.time(team, callers, fwd, bwd, iterations, warmup);
            System.arraycopy(sum(grads), 0, dParams, 0, dParams.length);
            return ms;
        } finally {
            for (OneDnnBatchNormalization bn : bns) {
                if (bn != null) {
                    bn.close();
                }
            }
        }
    }

    private static float[] sum(float[][] parts) {
        float[] s = new float[parts[0].length];
        for (float[] p : parts) {
            for (int j = 0; j < s.length; j++) {
                s[j] += p[j];
            }
        }
        return s;
    }

    private static void print(String impl, int batch, int threads, double[] ms, double diff, String extra) {
        System.out.printf(
                Locale.ROOT,
                "RESULT bench=bn impl=%s layer=all shape=%dx%dx%d batch=%d threads=%d fwd_ms=%.3f "
                        + "bwd_ms=%.3f ms_per_batch=%.3f max_diff=%.2g%s%n",
                impl,
                CHANNELS,
                SIZE,
                SIZE,
                batch,
                threads,
                ms[0],
                ms[1],
                ms[0] + ms[1],
                diff,
                extra);
    }
}
