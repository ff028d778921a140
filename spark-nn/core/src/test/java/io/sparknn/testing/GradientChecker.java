package io.sparknn.testing;

import io.sparknn.backend.Backend;
import io.sparknn.loss.Loss;
import io.sparknn.nn.LayerSpec;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The one finite-difference gradient checker, for every layer and loss.
 *
 * <p>The layers compute in float32, so the reference cannot be exact: the objective
 * {@code f = sum_j r_j * y_j} (r a fixed random projection) is accumulated in double, and its
 * derivative is estimated with the five-point stencil
 * {@code (8(f(x+h) - f(x-h)) - (f(x+2h) - f(x-2h))) / 12h}, whose truncation error is O(h^4).
 * With h = 1e-2 that error is ~1e-8 for smooth functions, and float32 rounding of f (~1e-7
 * relative) contributes ~1e-5 absolute; the default tolerance (atol 2e-3, rtol 2e-3) is two
 * orders above both and two below the errors a wrong formula makes.
 */
public final class GradientChecker {
    public static final double H = 1e-2;
    public static final double ATOL = 2e-3;
    public static final double RTOL = 2e-3;

    private GradientChecker() {}

    /**
     * Checks the parameter and input gradients of the layers {@code spec} builds for
     * {@code input}, with {@code batch} samples drawn by {@code inputs} (so tests can keep
     * inputs away from kinks). Layers with state (running statistics) get a perturbed initial
     * state that the check's forward passes do not update.
     */
    public static void checkLayer(
            String name,
            LayerSpec spec,
            Shape input,
            int batch,
            Backend backend,
            InputSource inputs,
            boolean training) {
        checkLayer(name, spec, input, batch, backend, inputs, new ForwardContext(training, 1234L));
    }

    /** As above with an explicit forward context, e.g. one carrying sequence lengths. */
    public static void checkLayer(
            String name,
            LayerSpec spec,
            Shape input,
            int batch,
            Backend backend,
            InputSource inputs,
            ForwardContext ctx) {
        check(name, spec, input, batch, backend, inputs, ctx, true);
    }

    /**
     * Checks the parameter gradients only, for layers whose inputs are not differentiable (the
     * token ids of an Embedding): the first layer is asked for no input gradient.
     */
    public static void checkParameters(
            String name,
            LayerSpec spec,
            Shape input,
            int batch,
            Backend backend,
            InputSource inputs,
            ForwardContext ctx) {
        check(name, spec, input, batch, backend, inputs, ctx, false);
    }

    private static void check(
            String name,
            LayerSpec spec,
            Shape input,
            int batch,
            Backend backend,
            InputSource inputs,
            ForwardContext ctx,
            boolean inputGradients) {
        List<Layer> layers = spec.build(input, backend);
        int paramCount = 0;
        int stateSize = 0;
        for (Layer l : layers) {
            paramCount += l.paramCount();
            stateSize += l.stateSize();
        }
        float[] params = new float[paramCount];
        float[] grads = new float[paramCount];
        float[] state = new float[stateSize];
        int off = 0;
        int stateOff = 0;
        SplittableRandom rng = new SplittableRandom(42);
        for (Layer l : layers) {
            l.bind(params, grads, off);
            l.bindState(state, stateOff);
            l.initializeState();
            l.initialize(rng);
            off += l.paramCount();
            stateOff += l.stateSize();
        }
        // Non-zero biases etc. so that every parameter matters: perturb the initial values.
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (rng.nextDouble(-0.5, 0.5));
        }
        // Non-trivial state (running means away from 0, variances away from 1): shift it up by
        // at most 0.5, which keeps variances positive.
        for (int i = 0; i < state.length; i++) {
            state[i] += (float) rng.nextDouble(0, 0.5);
        }
        float[] x = new float[batch * input.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = inputs.next(rng);
        }
        int outSize = layers.get(layers.size() - 1).outputShape().size();
        float[] r = new float[batch * outSize];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) rng.nextDouble(-1, 1);
        }
        // State is held fixed (no running-statistics updates) so every evaluation of f sees the same layer.
        ForwardContext fixed = new ForwardContext(ctx.training(), ctx.seed(), ctx.sampleOffset(), false, ctx.lengths());

        // Analytical gradients.
        forward(layers, x, batch, fixed);
        float[] g = r.clone();
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, batch, inputGradients || i > 0);
        }
        float[] inputGrad = inputGradients ? g.clone() : null;
        float[] paramGrad = grads.clone();

        DoubleSupplier f = () -> dot(forward(layers, x, batch, fixed), r);
        for (int i = 0; i < params.length; i++) {
            double num = derivative(params, i, f);
            assertClose(name + " parameter " + i + " of " + params.length, num, paramGrad[i]);
        }
        for (int i = 0; inputGradients && i < x.length; i++) {
            double num = derivative(x, i, f);
            assertClose(name + " input " + i + " of " + x.length, num, inputGrad[i]);
        }
    }

    /** Checks {@code d loss / d output} of a loss at the given outputs and labels. */
    public static void checkLoss(
            String name, Loss loss, float[] out, int batch, int width, float[] labels, float[] weights) {
        float[] grad = new float[out.length];
        loss.compute(out, batch, width, labels, weights, 1f, grad);
        DoubleSupplier f = () -> loss.compute(out, batch, width, labels, weights, 1f, null);
        for (int i = 0; i < out.length; i++) {
            assertClose(name + " output " + i, derivative(out, i, f), grad[i]);
        }
    }

    /** Five-point central difference of f with respect to v[i]; restores v[i]. */
    public static double derivative(float[] v, int i, DoubleSupplier f) {
        float orig = v[i];
        v[i] = (float) (orig + H);
        double p1 = f.getAsDouble();
        v[i] = (float) (orig - H);
        double m1 = f.getAsDouble();
        v[i] = (float) (orig + 2 * H);
        double p2 = f.getAsDouble();
        v[i] = (float) (orig - 2 * H);
        double m2 = f.getAsDouble();
        v[i] = orig;
        return (8 * (p1 - m1) - (p2 - m2)) / (12 * H);
    }

    public static void assertClose(String what, double expected, double actual) {
        double tol = ATOL + RTOL * Math.max(Math.abs(expected), Math.abs(actual));
        if (!(Math.abs(expected - actual) <= tol)) {
            throw new AssertionError(String.format(
                    java.util.Locale.ROOT,
                    "Gradient check failed for %s: finite difference %.6g, analytical %.6g (|diff| %.3g > tol %.3g)",
                    what,
                    expected,
                    actual,
                    Math.abs(expected - actual),
                    tol));
        }
    }

    private static float[] forward(List<Layer> layers, float[] x, int batch, ForwardContext ctx) {
        float[] y = x;
        for (int i = 0; i < layers.size(); i++) {
            y = layers.get(i).forward(y, batch, ctx.forLayer(i));
        }
        return y;
    }

    private static double dot(float[] y, float[] r) {
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            s += (double) y[i] * r[i];
        }
        return s;
    }

    /** Draws test inputs. */
    @FunctionalInterface
    public interface InputSource {
        float next(SplittableRandom rng);

        /** Uniform in [-1, 1]. */
        static InputSource uniform() {
            return rng -> (float) rng.nextDouble(-1, 1);
        }

        /** Uniform in [-1, -0.1] U [0.1, 1]: at least 0.1 from a ReLU kink (4h = 0.04). */
        static InputSource awayFromZero() {
            return rng -> {
                float v = (float) rng.nextDouble(0.1, 1);
                return rng.nextBoolean() ? v : -v;
            };
        }
    }
}
