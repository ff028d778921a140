package io.sparknn.bench.engine;

import io.sparknn.backend.Backend;
import io.sparknn.backend.GemmOnlyBackend;
import io.sparknn.backend.mkl.OneDnnConvolution;
import io.sparknn.backend.select.Backends;
import io.sparknn.nn.Conv2D;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import io.sparknn.train.ThreadTeam;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code bench conv}: times forward plus backward (input and kernel gradients) of the three
 * convolutions of the seed-004 CNN (3x3 valid: 1 to 32 channels at 28x28, 32 to 64 at 13x13,
 * 64 to 64 at 5x5) on one batch, two ways:
 * <ul>
 *   <li>{@code im2col-mkl}: the engine's {@code Conv2DLayer} on im2col + GEMM (its oneDNN path
 *       switched off, {@link GemmOnlyBackend}) as training runs it, the batch cut into
 *       {@code --threads} shards, one single-threaded backend call per shard;</li>
 *   <li>{@code onednn}: oneDNN's convolution primitives on the whole batch from one caller,
 *       NCHW arrays in and out, blocked layouts and reorders chosen by oneDNN, on an OpenMP
 *       team of {@code --threads} ({@code OMP_NUM_THREADS=T}; the preset cannot set it, see
 *       {@link OneDnnConvolution#openMpThreads()});</li>
 *   <li>{@code onednn-sharded} (with {@code OMP_NUM_THREADS=1}): the same primitives on one
 *       shard per thread, single-threaded, as the engine would call them.</li>
 * </ul>
 * Both include copying the Java arrays in and out, as training would. Prints one
 * {@code RESULT} line per implementation and layer, and one with {@code layer=all}; each also
 * gives the largest difference between the two implementations' results ({@code max_diff}).
 */
final class ConvBenchmark {
    /** {channels, height, width, filters} of the seed-004 convolutions (3x3, stride 1, valid). */
    private static final int[][] LAYERS = {{1, 28, 28, 32}, {32, 13, 13, 64}, {64, 5, 5, 64}};

    private ConvBenchmark() {}

    static int run(BenchArgs args) throws Exception {
        int batch = Math.max(1, args.intValue("batch", 64));
        int threads = Math.max(1, args.intValue("threads", Runtime.getRuntime().availableProcessors()));
        int iterations = Math.max(1, args.intValue("iterations", 50));
        int warmup = args.intValue("warmup", 10);
        String backendName = args.string("backend", "mkl");
        args.rejectUnknown();
        int callers = ShardedPasses.oneDnnCallers(threads);
        String onednnName = ShardedPasses.oneDnnName(callers);
        double[] totals = new double[2];
        double worstDiff = 0;
        try (Backend backend = new GemmOnlyBackend(Backends.create(backendName, 1));
                ThreadTeam team = new ThreadTeam(threads, "sparknn-bench-conv")) {
            System.out.printf(
                    Locale.ROOT,
                    "bench conv: backend=%s (%s), %s, batch=%d threads=%d iterations=%d warmup=%d%n",
                    backend.name(),
                    backend.version(),
                    OneDnnConvolution.version(),
                    batch,
                    threads,
                    iterations,
                    warmup);
            for (int l = 0; l < LAYERS.length; l++) {
                ConvCase c = new ConvCase(LAYERS[l], batch, new SplittableRandom(42 + l));
                double[] im2col = timeIm2col(c, backend, team, threads, iterations, warmup);
                String[] impl = new String[1];
                double[] onednn = timeOneDnn(c, team, callers, iterations, warmup, impl);
                double diff = c.maxDiff();
                worstDiff = Math.max(worstDiff, diff);
                String name = "conv" + (l + 1);
                print("im2col-mkl", name, c, batch, threads, im2col, diff, "");
                print(onednnName, name, c, batch, threads, onednn, diff, " impl=" + impl[0]);
                totals[0] += im2col[0] + im2col[1];
                totals[1] += onednn[0] + onednn[1];
            }
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT bench=conv impl=im2col-mkl layer=all batch=%d threads=%d ms_per_batch=%.3f max_diff=%.2g%n",
                batch,
                threads,
                totals[0],
                worstDiff);
        System.out.printf(
                Locale.ROOT,
                "RESULT bench=conv impl=%s layer=all batch=%d threads=%d ms_per_batch=%.3f max_diff=%.2g%n",
                onednnName,
                batch,
                threads,
                totals[1],
                worstDiff);
        return 0;
    }

    private static void print(
            String impl, String layer, ConvCase c, int batch, int threads, double[] ms, double diff, String extra) {
        System.out.printf(
                Locale.ROOT,
                "RESULT bench=conv impl=%s layer=%s shape=%dx%dx%d->%d batch=%d threads=%d "
                        + "fwd_ms=%.3f bwd_ms=%.3f ms_per_batch=%.3f max_diff=%.2g%s%n",
                impl,
                layer,
                c.channels,
                c.height,
                c.width,
                c.filters,
                batch,
                threads,
                ms[0],
                ms[1],
                ms[0] + ms[1],
                diff,
                extra);
    }

    /** Median forward and backward milliseconds of the engine's layer, one shard per thread. */
    private static double[] timeIm2col(
            ConvCase c, Backend backend, ThreadTeam team, int threads, int iterations, int warmup) {
        Shape in = Shape.of(c.channels, c.height, c.width);
        Layer[] layers = new Layer[threads];
        float[][] grads = new float[threads][];
        int[] from = ShardedPasses.shards(c.batch, threads);
        for (int t = 0; t < threads; t++) {
            layers[t] = new Conv2D(c.filters, 3).build(in, backend).get(0);
            grads[t] = new float[c.params.length];
            layers[t].bind(c.params, grads[t], 0);
        }
        float[][] shardX = new float[threads][];
        float[][] shardDy = new float[threads][];
        for (int t = 0; t < threads; t++) {
            shardX[t] = Arrays.copyOfRange(c.x, from[t] * c.inSize, from[t + 1] * c.inSize);
            shardDy[t] = Arrays.copyOfRange(c.dy, from[t] * c.outSize, from[t + 1] * c.outSize);
        }
        ForwardContext ctx = new ForwardContext(true, 0L);
        double[] ms = ShardedPasses.time(
                team,
                threads,
                t -> {
                    float[] y = layers[t].forward(shardX[t], from[t + 1] - from[t], ctx);
                    System.arraycopy(y, 0, c.y[0], from[t] * c.outSize, (from[t + 1] - from[t]) * c.outSize);
                },
                t -> {
                    float[] dx = layers[t].backward(shardDy[t], from[t + 1] - from[t], true);
                    System.arraycopy(dx, 0, c.dx[0], from[t] * c.inSize, (from[t + 1] - from[t]) * c.inSize);
                },
                iterations,
                warmup);
        sumInto(c.dw[0], grads); // the kernel gradient of the whole batch is the sum over the shards
        return ms;
    }

    /**
     * Median forward and backward milliseconds of oneDNN's primitives: on the whole batch from one
     * caller ({@code callers == 1}), or on one shard per thread of {@code team} like the engine.
     */
    private static double[] timeOneDnn(
            ConvCase c, ThreadTeam team, int callers, int iterations, int warmup, String[] impl) {
        int kernel = c.filters * c.channels * 9;
        int[] from = ShardedPasses.shards(c.batch, callers);
        OneDnnConvolution[] convs = new OneDnnConvolution[callers];
        float[][] dw = new float[callers][c.params.length];
        try {
            for (int t = 0; t < callers; t++) {
                convs[t] = new OneDnnConvolution(
                        from[t + 1] - from[t], c.channels, c.height, c.width, c.filters, 3, 3, 1, 1, new int[] {
                            0, 0, 0, 0
                        });
            }
            impl[0] = convs[0].implementation();
            java.util.function.IntConsumer fwd = t -> convs[t].forward(
                    c.x, from[t] * c.inSize, c.params, 0, c.params, kernel, c.y[1], from[t] * c.outSize);
            java.util.function.IntConsumer bwd = t ->
                    convs[t].backward(c.dy, from[t] * c.outSize, c.dx[1], from[t] * c.inSize, dw[t], 0, dw[t], kernel);
            double[] ms = ShardedPasses.time(team, callers, fwd, bwd, iterations, warmup);
            sumInto(c.dw[1], dw);
            return ms;
        } finally {
            for (OneDnnConvolution conv : convs) {
                if (conv != null) {
                    conv.close();
                }
            }
        }
    }

    private static void sumInto(float[] sum, float[][] parts) {
        Arrays.fill(sum, 0f);
        for (float[] g : parts) {
            for (int j = 0; j < g.length; j++) {
                sum[j] += g[j];
            }
        }
    }

    /** One layer's inputs and both implementations' outputs ([0] im2col, [1] oneDNN). */
    private static final class ConvCase {
        final int channels;
        final int height;
        final int width;
        final int filters;
        final int batch;
        final int inSize;
        final int outSize;
        final float[] x;
        final float[] dy;
        final float[] params;
        final float[][] y = new float[2][];
        final float[][] dx = new float[2][];
        final float[][] dw = new float[2][];

        ConvCase(int[] layer, int batch, SplittableRandom rng) {
            channels = layer[0];
            height = layer[1];
            width = layer[2];
            filters = layer[3];
            this.batch = batch;
            inSize = channels * height * width;
            outSize = filters * (height - 2) * (width - 2);
            x = ShardedPasses.random(batch * inSize, rng, 1f);
            dy = ShardedPasses.random(batch * outSize, rng, 0.01f);
            params = ShardedPasses.random(filters * channels * 9 + filters, rng, 0.1f);
            for (int k = 0; k < 2; k++) {
                y[k] = new float[batch * outSize];
                dx[k] = new float[batch * inSize];
                dw[k] = new float[params.length];
            }
        }

        /** Largest absolute difference of y, dx and the kernel and bias gradients. */
        double maxDiff() {
            return Math.max(
                    ShardedPasses.maxAbsDiff(y[0], y[1]),
                    Math.max(ShardedPasses.maxAbsDiff(dx[0], dx[1]), ShardedPasses.maxAbsDiff(dw[0], dw[1])));
        }
    }
}
