package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.loss.Loss;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.ActivationLayer;
import io.sparknn.nn.layer.Buffers;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.SequenceLengths;
import io.sparknn.tensor.Shape;
import io.sparknn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A runnable network: the layers of a {@link NetworkSpec} bound to one flat parameter array and
 * one flat gradient array (layer {@code i} owns {@code [offset(i), offset(i) + paramCount)}).
 * Optimizers, all-reduce, checkpoints and the model file all work on these two arrays. A third
 * flat array holds the non-trainable state (running statistics), which the model file stores
 * but optimizers never see.
 *
 * <p>Not thread-safe (layers keep batch buffers); build one per thread. Several networks may
 * share one read-only parameter array for inference ({@link #withParams}).
 *
 * <p>A network owns the native memory its layers take from the backend (oneDNN convolution
 * primitives on the mkl backend) and frees it in {@link #close()}; whoever builds a network
 * closes it, in a {@code try}-with-resources or a {@code finally}. The process-wide backend is
 * never closed, so a network that is dropped without {@code close()} leaves its primitives in
 * native memory for the life of the JVM. The flat arrays are plain Java arrays and stay usable.
 */
public final class Network implements AutoCloseable {
    private final NetworkSpec spec;
    private final Backend backend;
    private final List<Layer> layers;
    private final int[] offsets;
    private final float[] params;
    private final float[] state;
    private final float[] grads;
    private final int firstTrainable;
    /** The padding index of a leading Embedding (sequence lengths are computed), else -1. */
    private final int paddingIndex;

    private int[] lengths;
    private float[] lastOutput;

    private Network(NetworkSpec spec, Backend backend, float[] params, float[] state) {
        this.spec = spec;
        this.backend = backend;
        List<Layer> ls = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            ls.addAll(spec.layers().get(i).build(spec.inputShape(i), backend));
        }
        this.layers = List.copyOf(ls);
        int total = (int) spec.paramCount();
        if (params.length != total) {
            throw new IllegalArgumentException("The network has " + total + " parameters but the weight array has "
                    + params.length + ". The weights belong to a different network spec.");
        }
        boolean freshState = state == null;
        int stateTotal = (int) spec.stateSize();
        if (freshState) {
            state = new float[stateTotal];
        } else if (state.length != stateTotal) {
            throw new IllegalArgumentException("The network has " + stateTotal + " state values (running "
                    + "statistics) but the state array has " + state.length + ". The state belongs to a different "
                    + "network spec.");
        }
        this.params = params;
        this.state = state;
        this.grads = new float[total];
        this.offsets = new int[layers.size()];
        int off = 0;
        int stateOff = 0;
        int first = layers.size();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            offsets[i] = off;
            l.bind(params, grads, off);
            l.bindState(state, stateOff);
            if (freshState) {
                l.initializeState();
            }
            if (l.paramCount() > 0 && first == layers.size()) {
                first = i;
            }
            off += l.paramCount();
            stateOff += l.stateSize();
        }
        this.firstTrainable = first;
        this.paddingIndex = spec.layers().get(0) instanceof Embedding e ? e.paddingIndex() : -1;
    }

    /** A network with freshly initialised parameters and state; the same seed gives the same weights. */
    public static Network create(NetworkSpec spec, Backend backend, long seed) {
        Network n = new Network(spec, backend, new float[(int) spec.paramCount()], null);
        for (int i = 0; i < n.layers.size(); i++) {
            n.layers.get(i).initialize(new SplittableRandom(ForwardContext.mix(seed + 0x632BE59BD9B4E019L * (i + 1))));
        }
        return n;
    }

    /**
     * A network over the given parameter array, which is used as is (not copied), with a fresh
     * state (running mean 0, variance 1). A network with BatchNormalization needs its trained
     * state as well: use {@link #withParams(NetworkSpec, Backend, float[], float[])}.
     */
    public static Network withParams(NetworkSpec spec, Backend backend, float[] params) {
        return new Network(spec, backend, params, null);
    }

    /**
     * A network over the given parameter and state arrays, both used as is (not copied): several
     * networks may share them, e.g. the replicas of one training step.
     */
    public static Network withParams(NetworkSpec spec, Backend backend, float[] params, float[] state) {
        if (state == null) {
            throw new IllegalArgumentException("state is null; pass the network's state array (length "
                    + spec.stateSize() + "), or use withParams(spec, backend, params) for a fresh one");
        }
        return new Network(spec, backend, params, state);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Backend backend() {
        return backend;
    }

    /** The flat parameter array (live: optimizers update it in place). */
    public float[] params() {
        return params;
    }

    /** The flat gradient array, written by {@link #forwardBackward}. */
    public float[] grads() {
        return grads;
    }

    /**
     * The flat non-trainable state (running statistics of BatchNormalization; empty for most
     * networks). Live: training passes with {@link ForwardContext#updateState()} update it.
     */
    public float[] state() {
        return state;
    }

    public int paramCount() {
        return params.length;
    }

    public Shape outputShape() {
        return spec.outputShape();
    }

    /**
     * Inference on {@code batch} samples laid out row-major in {@code input}. Returns the network's
     * output buffer ({@code batch x outputSize}), valid until the next call on this network.
     */
    public float[] predict(float[] input, int batch) {
        checkInput(input, batch);
        ForwardContext ctx = withLengths(ForwardContext.INFERENCE, input, batch);
        float[] x = input;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(x, batch, ctx);
        }
        return x;
    }

    /** Inference returning a new tensor (a copy of the output). */
    public Tensor predict(Tensor input) {
        if (!input.shape().equals(spec.inputShape())) {
            throw new IllegalArgumentException(
                    "Input samples have shape " + input.shape() + " but the network expects " + spec.inputShape());
        }
        float[] y = predict(input.data(), input.batch());
        int n = input.batch() * spec.outputShape().size();
        return new Tensor(java.util.Arrays.copyOf(y, n), input.batch(), spec.outputShape());
    }

    /**
     * One training forward and backward pass. Writes the parameter gradients
     * ({@code scale * d(sum_i w_i l_i)/d params}) into {@link #grads()} and returns
     * {@code sum_i w_i l_i}. When the loss fuses the final activation, the network's last layer
     * must be that activation; it is skipped and {@link #lastOutput()} holds the logits.
     */
    public double forwardBackward(
            float[] input, int batch, float[] labels, float[] weights, Loss loss, float scale, long seed) {
        return forwardBackward(input, batch, labels, weights, loss, scale, seed, 0L);
    }

    /**
     * As {@link #forwardBackward(float[], int, float[], float[], Loss, float, long)} for a shard of
     * a larger batch whose first sample is sample {@code sampleOffset} of that batch, so that
     * per-sample random choices (dropout) match those of the whole batch.
     */
    public double forwardBackward(
            float[] input,
            int batch,
            float[] labels,
            float[] weights,
            Loss loss,
            float scale,
            long seed,
            long sampleOffset) {
        return forwardBackward(
                input, batch, labels, weights, loss, scale, new ForwardContext(true, seed, sampleOffset));
    }

    /**
     * As {@link #forwardBackward(float[], int, float[], float[], Loss, float, long)} with a
     * full context, e.g. a shard of a batch that must not update the shared state
     * ({@code updateState == false}).
     */
    public double forwardBackward(
            float[] input, int batch, float[] labels, float[] weights, Loss loss, float scale, ForwardContext ctx) {
        return forwardBackward(input, batch, labels, weights, loss, scale, ctx, BackwardProgress.NONE);
    }

    /**
     * As {@link #forwardBackward(float[], int, float[], float[], Loss, float, ForwardContext)},
     * telling {@code progress} after each trainable layer's backward that the gradients from that
     * layer's offset upwards are final (the last call has offset 0).
     */
    public double forwardBackward(
            float[] input,
            int batch,
            float[] labels,
            float[] weights,
            Loss loss,
            float scale,
            ForwardContext ctx,
            BackwardProgress progress) {
        checkInput(input, batch);
        int end = trainingLayerCount(loss);
        ctx = withLengths(ctx, input, batch);
        float[] x = input;
        for (int i = 0; i < end; i++) {
            x = layers.get(i).forward(x, batch, ctx.forLayer(i));
        }
        lastOutput = x;
        int width = spec.outputShape().size();
        float[] g = gradBuffer = Buffers.ensure(gradBuffer, batch * width);
        double sum = loss.compute(x, batch, width, labels, weights, scale, g);
        for (int i = end - 1; i >= firstTrainable; i--) {
            g = layers.get(i).backward(g, batch, i > firstTrainable);
            if (layers.get(i).paramCount() > 0) {
                progress.gradientsFinalFrom(offsets[i], sum);
            }
        }
        if (firstTrainable == layers.size()) {
            progress.gradientsFinalFrom(0, sum); // no parameters at all
        }
        return sum;
    }

    private float[] gradBuffer;

    /**
     * Inference up to what the loss takes as input (the logits when it fuses the final
     * activation), for evaluating the loss on held-out data. Same buffer rules as {@link #predict}.
     */
    public float[] forwardForLoss(float[] input, int batch, Loss loss) {
        checkInput(input, batch);
        int end = trainingLayerCount(loss);
        ForwardContext ctx = withLengths(ForwardContext.INFERENCE, input, batch);
        float[] x = input;
        for (int i = 0; i < end; i++) {
            x = layers.get(i).forward(x, batch, ctx);
        }
        return x;
    }

    /** The output of the last {@link #forwardBackward} (logits when the loss fuses the activation). */
    public float[] lastOutput() {
        return lastOutput;
    }

    private int trainingLayerCount(Loss loss) {
        Activation fused = loss.fusedActivation();
        if (fused == Activation.LINEAR) {
            return layers.size();
        }
        Layer last = layers.get(layers.size() - 1);
        if (last instanceof ActivationLayer a && a.kind() == fused) {
            return layers.size() - 1;
        }
        throw new InvalidNetworkException("The loss '" + loss.name() + "' needs a network that ends in "
                + fused.keyword() + ", but the last layer is " + describe(last)
                + ". Give the last Dense activation=\"" + fused.keyword() + "\" or choose another loss.");
    }

    private static String describe(Layer l) {
        return l instanceof ActivationLayer a
                ? a.kind().keyword()
                : l.getClass().getSimpleName().replace("Layer", "");
    }

    /** Adds the samples' valid lengths when the first layer is an Embedding with a padding index. */
    private ForwardContext withLengths(ForwardContext ctx, float[] input, int batch) {
        if (paddingIndex < 0) {
            return ctx;
        }
        lengths = SequenceLengths.fromTokens(input, batch, spec.inputShape().size(), paddingIndex, lengths);
        return ctx.withLengths(lengths);
    }

    private void checkInput(float[] input, int batch) {
        long needed = (long) batch * spec.inputShape().size();
        if (batch < 0 || input.length < needed) {
            throw new IllegalArgumentException("A batch of " + batch + " samples of shape " + spec.inputShape()
                    + " needs " + needed + " floats, got " + input.length);
        }
    }

    /**
     * Frees the layers' native memory. Idempotent. The network stays usable: a later pass takes
     * new primitives from the backend (and needs another close).
     */
    @Override
    public void close() {
        for (Layer l : layers) {
            l.close();
        }
    }
}
