package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.init.Initializers;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.ActivationLayer;
import io.sparknn.nn.layer.Conv2DLayer;
import io.sparknn.nn.layer.ConvGeometry;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D convolution over {@code [C, H, W]} samples, optionally followed by an activation, as
 * Keras' {@code Conv2D(filters, kernel_size, strides, padding, activation, use_bias, ...)}
 * (cross-correlation, no kernel flip; dilation 1). The output is {@code [filters, outH, outW]}
 * (see {@link Padding}). The kernel is stored {@code [filters, inChannels, kh, kw]} row-major,
 * then the bias ({@code filters} values), in the network's flat parameter vector.
 *
 * <pre>{@code
 * new Conv2D(32, 3, Activation.RELU)                       // 3x3, stride 1, valid
 * Conv2D.builder(64, 3).strides(2).padding(Padding.SAME).activation(Activation.RELU).build()
 * Conv2D.builder(64, 3).strides(2).padding(Padding.explicit(1)).build()  // PyTorch padding=1
 * }</pre>
 */
public record Conv2D(
        int filters,
        int kernelHeight,
        int kernelWidth,
        int strideHeight,
        int strideWidth,
        Padding padding,
        Activation activation,
        boolean useBias,
        String kernelInitializer,
        String biasInitializer)
        implements LayerSpec {

    public Conv2D {
        if (filters <= 0) {
            throw new InvalidNetworkException("Conv2D filters must be positive, got " + filters);
        }
        if (kernelHeight <= 0 || kernelWidth <= 0) {
            throw new InvalidNetworkException(
                    "Conv2D kernelSize must be positive, got " + kernelHeight + "x" + kernelWidth);
        }
        if (strideHeight <= 0 || strideWidth <= 0) {
            throw new InvalidNetworkException(
                    "Conv2D strides must be positive, got " + strideHeight + "x" + strideWidth);
        }
        padding = padding == null ? Padding.VALID : padding;
        activation = activation == null ? Activation.LINEAR : activation;
        kernelInitializer = kernelInitializer == null ? Dense.DEFAULT_KERNEL_INITIALIZER : kernelInitializer;
        biasInitializer = biasInitializer == null ? Dense.DEFAULT_BIAS_INITIALIZER : biasInitializer;
        Initializers.byName(kernelInitializer); // fail at spec time, not at training time
        Initializers.byName(biasInitializer);
    }

    /** A square kernel, stride 1, padding valid, with bias, no activation. */
    public Conv2D(int filters, int kernelSize) {
        this(filters, kernelSize, Activation.LINEAR);
    }

    /** A square kernel, stride 1, padding valid, with bias. */
    public Conv2D(int filters, int kernelSize, Activation activation) {
        this(filters, kernelSize, kernelSize, 1, 1, Padding.VALID, activation, true, null, null);
    }

    /** A builder for the optional settings; defaults as in Keras (stride 1, valid, bias, glorot_uniform). */
    public static Builder builder(int filters, int kernelSize) {
        return new Builder(filters, kernelSize);
    }

    @Override
    public String type() {
        return "Conv2D";
    }

    /** E.g. {@code Conv2D 32 3x3} or {@code Conv2D 32 3x3 /2 same}, as error messages name the layer. */
    String label() {
        return "Conv2D " + filters + " " + kernelHeight + "x" + kernelWidth
                + (strideHeight == 1 && strideWidth == 1
                        ? ""
                        : " /"
                                + (strideHeight == strideWidth
                                        ? String.valueOf(strideHeight)
                                        : strideHeight + "x" + strideWidth))
                + (padding == Padding.VALID ? "" : " " + padding);
    }

    ConvGeometry geometry(Shape input, int index) {
        return ConvGeometry.of(input, index, label(), kernelHeight, kernelWidth, strideHeight, strideWidth, padding);
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        ConvGeometry g = geometry(input, index);
        return Shape.of(filters, g.outH(), g.outW());
    }

    @Override
    public long paramCount(Shape input) {
        // Exact: four int factors can wrap a long, and a wrapped count would pass the size checks.
        long perFilter = Math.multiplyExact(
                (long) ConvGeometry.requireImage(input, -1, label()).dim(0), (long) kernelHeight * kernelWidth);
        return Math.multiplyExact(perFilter, filters) + (useBias ? filters : 0);
    }

    @Override
    public long flopsPerSample(Shape input) {
        ConvGeometry g = geometry(input, -1);
        long outputs = (long) g.outputPositions() * filters;
        long f = 2L * outputs * g.channels() * kernelHeight * kernelWidth + (useBias ? outputs : 0);
        return f
                + (activation == Activation.LINEAR
                        ? 0
                        : new ActivationSpec(activation).flopsPerSample(Shape.of(filters, g.outH(), g.outW())));
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        ConvGeometry g = geometry(input, -1);
        List<Layer> layers = new ArrayList<>(2);
        layers.add(new Conv2DLayer(
                g,
                filters,
                useBias,
                Initializers.byName(kernelInitializer),
                Initializers.byName(biasInitializer),
                backend));
        if (activation != Activation.LINEAR) {
            layers.add(new ActivationLayer(
                    activation,
                    activation == Activation.LEAKY_RELU ? ActivationSpec.DEFAULT_LEAKY_ALPHA : 0f,
                    Shape.of(filters, g.outH(), g.outW()),
                    backend));
        }
        return layers;
    }

    @Override
    public void writeConfig(ObjectNode node) {
        node.put("filters", filters);
        node.putArray("kernelSize").add(kernelHeight).add(kernelWidth);
        node.putArray("strides").add(strideHeight).add(strideWidth);
        PaddingJson.write(node, padding);
        node.put("activation", activation.keyword());
        node.put("useBias", useBias);
        node.put("kernelInitializer", kernelInitializer);
        node.put("biasInitializer", biasInitializer);
    }

    /** Optional settings of a {@link Conv2D}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final int filters;
        private int kernelHeight;
        private int kernelWidth;
        private int strideHeight = 1;
        private int strideWidth = 1;
        private Padding padding = Padding.VALID;
        private Activation activation = Activation.LINEAR;
        private boolean useBias = true;
        private String kernelInitializer;
        private String biasInitializer;

        private Builder(int filters, int kernelSize) {
            this.filters = filters;
            this.kernelHeight = kernelSize;
            this.kernelWidth = kernelSize;
        }

        /** A rectangular kernel, e.g. {@code (1, 7)}. */
        public Builder kernelSize(int height, int width) {
            this.kernelHeight = height;
            this.kernelWidth = width;
            return this;
        }

        /** The same stride along both axes; 2 halves the output size. */
        public Builder strides(int stride) {
            return strides(stride, stride);
        }

        /** Strides along the height and the width. */
        public Builder strides(int height, int width) {
            this.strideHeight = height;
            this.strideWidth = width;
            return this;
        }

        /** {@link Padding#VALID} (default), {@link Padding#SAME} or {@link Padding#explicit explicit} pads. */
        public Builder padding(Padding padding) {
            this.padding = padding;
            return this;
        }

        /** The activation after the convolution; default linear (none). */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** Whether to add a bias per filter; default true. */
        public Builder useBias(boolean useBias) {
            this.useBias = useBias;
            return this;
        }

        /** A Keras initializer name, e.g. {@code he_normal}; default {@code glorot_uniform}. */
        public Builder kernelInitializer(String name) {
            this.kernelInitializer = name;
            return this;
        }

        /** A Keras initializer name; default {@code zeros}. */
        public Builder biasInitializer(String name) {
            this.biasInitializer = name;
            return this;
        }

        public Conv2D build() {
            return new Conv2D(
                    filters,
                    kernelHeight,
                    kernelWidth,
                    strideHeight,
                    strideWidth,
                    padding,
                    activation,
                    useBias,
                    kernelInitializer,
                    biasInitializer);
        }
    }
}
