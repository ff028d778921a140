package io.sparknn.bench.engine;

import io.sparknn.optim.AllOptimizers;
import io.sparknn.optim.Optimizer;
import io.sparknn.optim.OptimizerState;
import java.util.SplittableRandom;

/**
 * Prints the time of one optimizer step on a vector the size of a small CNN, for every optimizer
 * configuration the core tests cover. Not a bench command (no RESULT line); run after any
 * {@code bin/spark-nn bench ...} has built this module with
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/launcher-classpath.txt) \
 *     io.sparknn.bench.engine.OptimizerStepBenchmark [parameters]
 * </pre>
 */
public final class OptimizerStepBenchmark {
    private OptimizerStepBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 235_000;
        int offset = 1_000;
        SplittableRandom rng = new SplittableRandom(1);
        float[] w = new float[offset + n];
        float[] g = new float[offset + n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextGaussian();
            g[i] = (float) rng.nextGaussian() * 1e-3f;
        }
        System.out.printf("one step on %d parameters, microseconds (at offset 0 / at offset %d)%n", n, offset);
        for (Optimizer optimizer : AllOptimizers.list()) {
            System.out.printf(
                    "%8.1f %8.1f  %s%n",
                    microsPerStep(optimizer, w, g, 0, n),
                    microsPerStep(optimizer, w, g, offset, n),
                    optimizer.toJson());
        }
    }

    private static double microsPerStep(Optimizer optimizer, float[] w, float[] g, int offset, int n) {
        OptimizerState state = optimizer.newState(n);
        for (int i = 0; i < 10_000; i++) {
            optimizer.step(w, g, offset, n, state, 1e-4f, 1f);
        }
        int steps = 2_000;
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            optimizer.step(w, g, offset, n, state, 1e-4f, 1f);
        }
        return (System.nanoTime() - start) / 1e3 / steps;
    }
}
