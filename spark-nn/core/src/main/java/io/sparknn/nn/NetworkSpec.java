package io.sparknn.nn;

import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable network description: an input shape and an ordered list of layer specs, as a
 * Keras {@code Sequential}. Shapes are validated when it is built, so an inconsistent network
 * fails before any data is touched, with a message naming the layer. The Java builder and the
 * JSON form ({@link #toJson()}, {@link #fromJson(String)}) are two views of the same value.
 *
 * <pre>{@code
 * NetworkSpec mlp = NetworkSpec.builder(784)
 *     .add(new Dense(256, Activation.RELU))
 *     .add(new Dense(128, Activation.RELU))
 *     .add(new Dense(10, Activation.SOFTMAX))
 *     .build();
 * }</pre>
 */
public final class NetworkSpec {
    private final Shape inputShape;
    private final List<LayerSpec> layers;
    private final List<Shape> outputShapes;

    private NetworkSpec(Shape inputShape, List<LayerSpec> layers) {
        if (layers.isEmpty()) {
            throw new InvalidNetworkException("A network needs at least one layer; add e.g. new Dense(10)");
        }
        this.inputShape = inputShape;
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        List<Shape> shapes = new ArrayList<>(layers.size());
        Shape s = inputShape;
        long params = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            try {
                Shape in = s;
                s = layer.outputShape(in, i);
                params = Math.addExact(params, layer.paramCount(in));
            } catch (InvalidNetworkException e) {
                throw e;
            } catch (IllegalArgumentException | ArithmeticException e) {
                // Shapes and counts beyond int/long range (a huge Flatten, Conv2D or LSTM): name the layer.
                throw new InvalidNetworkException(
                        InvalidNetworkException.layer(i, layer.type()) + " on input " + s
                                + " is too large: " + (e.getMessage() == null ? "its size overflows" : e.getMessage())
                                + ". Use smaller layer sizes or inputs.",
                        e);
            }
            shapes.add(s);
        }
        this.outputShapes = Collections.unmodifiableList(shapes);
        if (params > Integer.MAX_VALUE - 8) {
            throw new InvalidNetworkException("The network has " + params
                    + " parameters; one flat float array holds at most 2^31-9. Use fewer or smaller layers.");
        }
        long state = stateSize();
        if (state > Integer.MAX_VALUE - 8) {
            throw new InvalidNetworkException("The network has " + state
                    + " state values; one flat float array holds at most 2^31-9. Use fewer or smaller layers.");
        }
    }

    public static Builder builder(int... inputShape) {
        return new Builder(Shape.of(inputShape));
    }

    public static Builder builder(Shape inputShape) {
        return new Builder(inputShape);
    }

    public Shape inputShape() {
        return inputShape;
    }

    public List<LayerSpec> layers() {
        return layers;
    }

    /** The output shape of layer {@code i}. */
    public Shape outputShape(int i) {
        return outputShapes.get(i);
    }

    public Shape outputShape() {
        return outputShapes.get(outputShapes.size() - 1);
    }

    /** The input shape of layer {@code i}. */
    public Shape inputShape(int i) {
        return i == 0 ? inputShape : outputShapes.get(i - 1);
    }

    public long paramCount() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) {
            n += layers.get(i).paramCount(inputShape(i));
        }
        return n;
    }

    /**
     * The layer that holds parameter {@code index} of the flat parameter array (layers own
     * consecutive ranges in order), e.g. to name the layer of a bad weight.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, paramCount())}
     */
    public int layerOfParam(long index) {
        long end = 0;
        for (int i = 0; i < layers.size(); i++) {
            end += layers.get(i).paramCount(inputShape(i));
            if (index >= 0 && index < end) {
                return i;
            }
        }
        throw new IndexOutOfBoundsException("Parameter " + index + " is outside [0, " + end + ")");
    }

    /**
     * The flat-parameter index ranges owned by the given layers, as {@code [from, to)} pairs in
     * the order given (e.g. the parameters that fine-tuning keeps frozen). A layer without
     * parameters gives an empty pair.
     *
     * @throws IllegalArgumentException naming the index if a layer does not exist
     */
    public int[] paramRangesOfLayers(int... layerIndices) {
        int[] starts = new int[layers.size() + 1];
        for (int i = 0; i < layers.size(); i++) {
            starts[i + 1] = starts[i] + (int) layers.get(i).paramCount(inputShape(i));
        }
        int[] ranges = new int[layerIndices.length * 2];
        for (int k = 0; k < layerIndices.length; k++) {
            int l = layerIndices[k];
            if (l < 0 || l >= layers.size()) {
                throw new IllegalArgumentException(
                        "Layer " + l + " does not exist; the network has layers 0.." + (layers.size() - 1));
            }
            ranges[2 * k] = starts[l];
            ranges[2 * k + 1] = starts[l + 1];
        }
        return ranges;
    }

    /** How messages name layer {@code i}: its index and type, e.g. {@code layer 2 (Dense)}. */
    public String layerName(int i) {
        return "layer " + i + " (" + describe(layers.get(i)) + ")";
    }

    /**
     * Non-trainable state values (BatchNormalization's running statistics), stored in the
     * network's state array next to the parameters.
     */
    public long stateSize() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) {
            n += layers.get(i).stateSize(inputShape(i));
        }
        return n;
    }

    /** Forward-pass FLOPs per sample (a training step costs about three times as much). */
    public long flopsPerSample() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) {
            n += layers.get(i).flopsPerSample(inputShape(i));
        }
        return n;
    }

    /** The JSON form, e.g. {@code {"inputShape":[784],"layers":[{"type":"Dense","units":10,...}]}}. */
    public String toJson() {
        return NetworkSpecJson.write(this);
    }

    /** Parses {@link #toJson()}'s form; errors name the layer index and the key. */
    public static NetworkSpec fromJson(String json) {
        return NetworkSpecJson.read(json);
    }

    /** One line per layer with output shape and parameters, like Keras' {@code summary()}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-4s %-28s %-16s %12s%n", "#", "layer", "output", "params"));
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            sb.append(String.format(
                    "%-4d %-28s %-16s %,12d%n", i, describe(l), outputShape(i), l.paramCount(inputShape(i))));
        }
        sb.append(String.format(
                "input %s, %,d parameters, %,d forward FLOPs per sample%n",
                inputShape, paramCount(), flopsPerSample()));
        return sb.toString();
    }

    private static String describe(LayerSpec l) {
        if (l instanceof Dense d) {
            return "Dense(" + d.units()
                    + (d.activation() == Activation.LINEAR
                            ? ""
                            : ", " + d.activation().keyword()) + ")";
        }
        if (l instanceof Conv2D c) {
            return c.label()
                    + (c.activation() == Activation.LINEAR
                            ? ""
                            : " " + c.activation().keyword());
        }
        return l.type();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec n && inputShape.equals(n.inputShape) && layers.equals(n.layers);
    }

    @Override
    public int hashCode() {
        return 31 * inputShape.hashCode() + layers.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Collects layers; {@link #build()} validates the shapes. */
    public static final class Builder {
        private final Shape inputShape;
        private final List<LayerSpec> layers = new ArrayList<>();

        private Builder(Shape inputShape) {
            this.inputShape = inputShape;
        }

        public Builder add(LayerSpec layer) {
            if (layer == null) {
                throw new InvalidNetworkException("Layer " + layers.size() + " is null");
            }
            layers.add(layer);
            return this;
        }

        public Builder dense(int units, Activation activation) {
            return add(new Dense(units, activation));
        }

        public Builder dense(int units) {
            return add(new Dense(units));
        }

        public Builder dropout(float rate) {
            return add(new Dropout(rate));
        }

        public Builder activation(Activation activation) {
            return add(new ActivationSpec(activation));
        }

        /** A square-kernel {@link Conv2D}, stride 1, padding valid. */
        public Builder conv2d(int filters, int kernelSize, Activation activation) {
            return add(new Conv2D(filters, kernelSize, activation));
        }

        /** {@link MaxPooling2D} with a square window, stride = window, padding valid. */
        public Builder maxPooling2d(int poolSize) {
            return add(new MaxPooling2D(poolSize));
        }

        public Builder flatten() {
            return add(new Flatten());
        }

        public NetworkSpec build() {
            return new NetworkSpec(inputShape, layers);
        }
    }
}
