package io.sparknn.bench.engine;

import io.sparknn.backend.Backend;
import io.sparknn.backend.mkl.OneDnnConvolution;
import io.sparknn.backend.mkl.OneDnnMaxPooling;
import io.sparknn.backend.select.Backends;
import io.sparknn.nn.MaxPooling2D;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import io.sparknn.train.ThreadTeam;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * {@code bench pool}: times forward plus backward (input gradient) of the two max-poolings of
 * the seed-004 CNN (2x2 stride 2 on [32, 26, 26] and [64, 11, 11], NCHW) on one batch, two ways:
 * {@code java}, the engine's {@code MaxPooling2DLayer} with the batch cut into one shard per
 * thread as training runs it, and {@code onednn}, oneDNN's pooling_forward (training, with
 * workspace) and pooling_backward on plain NCHW memory, on the whole batch from one caller
 * ({@code OMP_NUM_THREADS=T}) or one shard per thread ({@code onednn-sharded},
 * {@code OMP_NUM_THREADS=1}). Both copy Java arrays in and out, as training would. Prints
 * {@code RESULT} lines per layer and for both layers, with the largest difference of the outputs
 * and input gradients ({@code max_diff}).
 */
final class PoolBenchmark {
    /** {channels, height, width} of the seed-004 max-pooling inputs. */
    private static final int[][] LAYERS = {{32, 26, 26}, {64, 11, 11}};

    private PoolBenchmark() {}

    static int run(BenchArgs args) throws Exception {
        int batch = Math.max(1, args.intValue("batch", 64));
        int threads = Math.max(1, args.intValue("threads", Runtime.getRuntime().availableProcessors()));
        int iterations = Math.max(1, args.intValue("iterations", 200));
        int warmup = args.intValue("warmup", 50);
        args.rejectUnknown();
        int callers = ShardedPasses.oneDnnCallers(threads);
        String onednnName = ShardedPasses.oneDnnName(callers);
        double[] totals = new double[2];
        double worstDiff = 0;
        try (Backend backend = Backends.create("java", 1);
                ThreadTeam team = new ThreadTeam(threads, "sparknn-bench-pool")) {
            System.out.printf(
                    Locale.ROOT,
                    "bench pool: %s, batch=%d threads=%d iterations=%d warmup=%d%n",
                    OneDnnConvolution.version(),
                    batch,
                    threads,
                    iterations,
                    warmup);
            for (int l = 0; l < LAYERS.length; l++) {
                PoolCase c = new PoolCase(LAYERS[l], batch, new SplittableRandom(7 + l));
                double[] java = timeJava(c, backend, team, threads, iterations, warmup);
                String[] impl = new String[1];
                double[] onednn = timeOneDnn(c, team, callers, iterations, warmup, impl);
                double diff = c.maxDiff();
                worstDiff = Math.max(worstDiff, diff);
                print("java", "pool" + (l + 1), c, batch, threads, java, diff, "");
                print(onednnName, "pool" + (l + 1), c, batch, threads, onednn, diff, " impl=" + impl[0]);
                totals[0] += java[0] + java[1];
                totals[1] += onednn[0] + onednn[1];
            }
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT bench=pool impl=java layer=all batch=%d threads=%d ms_per_batch=%.3f max_diff=%.2g%n",
                batch,
                threads,
                totals[0],
                worstDiff);
        System.out.printf(
                Locale.ROOT,
                "RESULT bench=pool impl=%s layer=all batch=%d threads=%d ms_per_batch=%.3f max_diff=%.2g%n",
                onednnName,
                batch,
                threads,
                totals[1],
                worstDiff);
        return 0;
    }

    private static void print(
            String impl, String layer, PoolCase c, int batch, int threads, double[] ms, double diff, String extra) {
        System.out.printf(
                Locale.ROOT,
                "RESULT bench=pool impl=%s layer=%s shape=%dx%dx%d batch=%d threads=%d "
                        + "fwd_ms=%.3f bwd_ms=%.3f ms_per_batch=%.3f max_diff=%.2g%s%n",
                impl,
                layer,
                c.channels,
                c.height,
                c.width,
                batch,
                threads,
                ms[0],
                ms[1],
                ms[0] + ms[1],
                diff,
                extra);
    }

    /** Median forward and backward milliseconds of the engine's layer, one shard per thread. */
    private static double[] timeJava(
            PoolCase c, Backend backend, ThreadTeam team, int threads, int iterations, int warmup) {
        Shape in = Shape.of(c.channels, c.height, c.width);
        Layer[] layers = new Layer[threads];
        int[] from = ShardedPasses.shards(c.batch, threads);
        float[][] shardX = new float[threads][];
        float[][] shardDy = new float[threads][];
        for (int t = 0; t < threads; t++) {
            layers[t] = new MaxPooling2D(2).build(in, backend).get(0);
            shardX[t] = Arrays.copyOfRange(c.x, from[t] * c.inSize, from[t + 1] * c.inSize);
            shardDy[t] = Arrays.copyOfRange(c.dy, from[t] * c.outSize, from[t + 1] * c.outSize);
        }
        ForwardContext ctx = new ForwardContext(true, 0L);
        IntConsumer fwd = t -> {
            float[] y = layers[t].forward(shardX[t], from[t + 1] - from[t], ctx);
            System.arraycopy(y, 0, c.y[0], from[t] * c.outSize, (from[t + 1] - from[t]) * c.outSize);
        };
        IntConsumer bwd = t -> {
            float[] dx = layers[t].backward(shardDy[t], from[t + 1] - from[t], true);
            System.arraycopy(dx, 0, c.dx[0], from[t] * c.inSize, (from[t + 1] - from[t]) * c.inSize);
        };
        return ShardedPasses.time(team, threads, fwd, bwd, iterations, warmup);
    }

    /** Median forward and backward milliseconds of oneDNN's primitives, one caller or one shard per thread. */
    private static double[] timeOneDnn(
            PoolCase c, ThreadTeam team, int callers, int iterations, int warmup, String[] impl) {
        int[] from = ShardedPasses.shards(c.batch, callers);
        OneDnnMaxPooling[] pools = new OneDnnMaxPooling[callers];
        try {
            for (int t = 0; t < callers; t++) {
                pools[t] = new OneDnnMaxPooling(
                        from[t + 1] - from[t], c.channels, c.height, c.width, 2, 2, 2, 2, new int[] {0, 0, 0, 0});
            }
            impl[0] = pools[0].implementation();
            IntConsumer fwd = t -> pools[t].forward(c.x, from[t] * c.inSize, c.y[1], from[t] * c.outSize);
            IntConsumer bwd = t -> pools[t].backward(c.dy, from[t] * c.outSize, c.dx[1], from[t] * c.inSize);
            return ShardedPasses.time(team, callers, fwd, bwd, iterations, warmup);
        } finally {
            for (OneDnnMaxPooling p : pools) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    /** One layer's inputs and both implementations' outputs ([0] java, [1] oneDNN). */
    private static final class PoolCase {
        final int channels;
        final int height;
        final int width;
        final int batch;
        final int inSize;
        final int outSize;
        final float[] x;
        final float[] dy;
        final float[][] y = new float[2][];
        final float[][] dx = new float[2][];

        PoolCase(int[] layer, int batch, SplittableRandom rng) {
            channels = layer[0];
            height = layer[1];
            width = layer[2];
            this.batch = batch;
            inSize = channels * height * width;
            outSize = channels * (height / 2) * (width / 2);
            x = ShardedPasses.random(batch * inSize, rng, 1f);
            dy = ShardedPasses.random(batch * outSize, rng, 0.01f);
            for (int k = 0; k < 2; k++) {
                y[k] = new float[batch * outSize];
                dx[k] = new float[batch * inSize];
            }
        }

        /** Largest absolute difference of y and dx. */
        double maxDiff() {
            return Math.max(ShardedPasses.maxAbsDiff(y[0], y[1]), ShardedPasses.maxAbsDiff(dx[0], dx[1]));
        }
    }
}
