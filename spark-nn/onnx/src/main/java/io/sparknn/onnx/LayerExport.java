package io.sparknn.onnx;

import static io.sparknn.onnx.OnnxGraph.floatAttr;
import static io.sparknn.onnx.OnnxGraph.intAttr;
import static io.sparknn.onnx.OnnxGraph.intsAttr;

import ai.onnx.proto.OnnxMl.AttributeProto;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.ActivationSpec;
import io.sparknn.nn.AveragePooling2D;
import io.sparknn.nn.BatchNormalization;
import io.sparknn.nn.Conv2D;
import io.sparknn.nn.Dense;
import io.sparknn.nn.Dropout;
import io.sparknn.nn.Embedding;
import io.sparknn.nn.Flatten;
import io.sparknn.nn.GRU;
import io.sparknn.nn.GlobalAveragePooling1D;
import io.sparknn.nn.GlobalMaxPooling2D;
import io.sparknn.nn.GlobalPoolingSpec;
import io.sparknn.nn.LSTM;
import io.sparknn.nn.LayerSpec;
import io.sparknn.nn.MaxPooling2D;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.PoolingSpec;
import io.sparknn.nn.Reshape;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.ConvGeometry;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Emits the ONNX nodes of each layer of a network, reading its weights and state in the order
 * the engine lays them out. A tensor between layers is always {@code [N, sample shape...]} in
 * the engine's row-major order (images NCHW, sequences batch-major), so layers chain directly.
 */
final class LayerExport {
    private final OnnxGraph g;
    private final NetworkSpec spec;
    private final float[] weights;
    private final float[] state;
    private int weightPos;
    private int statePos;
    private final RecurrentExport recurrent;

    LayerExport(OnnxGraph g, SavedNetwork network) {
        this.g = g;
        this.spec = network.spec();
        this.weights = network.weights();
        this.state = network.state();
        this.recurrent = new RecurrentExport(g);
    }

    /** The graph input reshaped to the spec's input shape, and the sequence lengths if the network has them. */
    String input(String features) {
        if (spec.layers().get(0) instanceof Embedding e && e.paddingIndex() >= 0) {
            recurrent.lengthsFromTokens(features, spec.inputShape().dim(0), e.paddingIndex());
        }
        return reshape(features, spec.inputShape());
    }

    /** The nodes of layer {@code i} on {@code x}; returns the output tensor's name. */
    String layer(int i, String x) {
        LayerSpec layer = spec.layers().get(i);
        Shape in = spec.inputShape(i);
        Shape out = spec.outputShape(i);
        String y = emit(layer, in, out, x);
        if (weightPos != endOfLayer(i)) {
            throw new IllegalStateException(spec.layerName(i) + " read " + weightPos + " weights but owns up to "
                    + endOfLayer(i) + "; the exporter does not match the engine's layout");
        }
        return y;
    }

    private int endOfLayer(int i) {
        return spec.paramRangesOfLayers(i)[1];
    }

    private String emit(LayerSpec layer, Shape in, Shape out, String x) {
        if (layer instanceof Dense d) {
            return dense(d, in, x);
        } else if (layer instanceof Conv2D c) {
            return conv(c, in, out, x);
        } else if (layer instanceof PoolingSpec p) {
            return pool(p, in, x);
        } else if (layer instanceof GlobalPoolingSpec) {
            String op = layer instanceof GlobalMaxPooling2D ? "GlobalMaxPool" : "GlobalAveragePool";
            return g.node("Flatten", "global_pool", List.of(g.node(op, "global_pool", List.of(x))), intAttr("axis", 1));
        } else if (layer instanceof GlobalAveragePooling1D) {
            return recurrent.meanOverTime(x, in);
        } else if (layer instanceof Flatten) {
            return g.node("Flatten", "flatten", List.of(x), intAttr("axis", 1));
        } else if (layer instanceof Reshape) {
            return reshape(x, out);
        } else if (layer instanceof BatchNormalization b) {
            return batchNorm(b, in, x);
        } else if (layer instanceof Dropout) {
            return x; // the identity at inference
        } else if (layer instanceof ActivationSpec a) {
            return activation(a.activation(), a.alpha(), in, x);
        } else if (layer instanceof Embedding e) {
            return embedding(e, x);
        } else if (layer instanceof LSTM l) {
            return recurrent.lstm(l, in, take(l.paramCount(in)), x);
        } else if (layer instanceof GRU r) {
            return recurrent.gru(r, in, take(r.paramCount(in)), x);
        }
        throw new IllegalArgumentException("The ONNX exporter has no conversion for layer type '" + layer.type()
                + "'. Supported: Dense, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D, "
                + "GlobalAveragePooling1D, Flatten, Reshape, BatchNormalization, Dropout, activation layers, "
                + "Embedding, LSTM, GRU.");
    }

    private float[] take(long n) {
        float[] w = Arrays.copyOfRange(weights, weightPos, weightPos + (int) n);
        weightPos += (int) n;
        return w;
    }

    private float[] takeState(int n) {
        float[] s = Arrays.copyOfRange(state, statePos, statePos + n);
        statePos += n;
        return s;
    }

    private String reshape(String x, Shape shape) {
        if (shape.rank() == 1) {
            return x; // the graph input and Flatten outputs are already [N, size]
        }
        return g.node("Reshape", "reshape", List.of(x, g.longs("shape", OnnxExporter.batchOf(shape))));
    }

    private String dense(Dense d, Shape in, String x) {
        String flat = in.rank() == 1 ? x : g.node("Flatten", "flatten", List.of(x), intAttr("axis", 1));
        List<String> inputs = new ArrayList<>(List.of(
                flat, g.floats("kernel", take((long) in.size() * d.units()), in.size(), d.units())));
        if (d.useBias()) {
            inputs.add(g.floats("bias", take(d.units()), d.units()));
        }
        String y = g.node("Gemm", "dense", inputs);
        return activation(d.activation(), ActivationSpec.DEFAULT_LEAKY_ALPHA, Shape.of(d.units()), y);
    }

    private String conv(Conv2D c, Shape in, Shape out, String x) {
        ConvGeometry geo = ConvGeometry.of(
                in, -1, "Conv2D", c.kernelHeight(), c.kernelWidth(), c.strideHeight(), c.strideWidth(), c.padding());
        int channels = in.dim(0);
        List<String> inputs = new ArrayList<>(List.of(
                x,
                g.floats(
                        "kernel",
                        take((long) c.filters() * channels * c.kernelHeight() * c.kernelWidth()),
                        c.filters(),
                        channels,
                        c.kernelHeight(),
                        c.kernelWidth())));
        if (c.useBias()) {
            inputs.add(g.floats("bias", take(c.filters()), c.filters()));
        }
        String y = g.node(
                "Conv",
                "conv",
                inputs,
                intsAttr("kernel_shape", c.kernelHeight(), c.kernelWidth()),
                intsAttr("strides", c.strideHeight(), c.strideWidth()),
                intsAttr("dilations", 1, 1),
                intsAttr("pads", pads(c.padding(), geo)));
        return activation(c.activation(), ActivationSpec.DEFAULT_LEAKY_ALPHA, out, y);
    }

    private String pool(PoolingSpec p, Shape in, String x) {
        ConvGeometry geo = p.geometry(in, -1);
        List<AttributeProto> attributes = new ArrayList<>(List.of(
                intsAttr("kernel_shape", p.poolHeight(), p.poolWidth()),
                intsAttr("strides", p.strideHeight(), p.strideWidth()),
                intsAttr("pads", pads(p.padding(), geo))));
        if (p instanceof AveragePooling2D avg) {
            // ONNX's default count_include_pad=0 averages the cells inside the input, as the engine does
            // unless countPadding asks to divide by the whole window.
            attributes.add(intAttr("count_include_pad", avg.countPadding() ? 1 : 0));
        }
        return g.node(
                p instanceof MaxPooling2D ? "MaxPool" : "AveragePool",
                "pool",
                List.of(x),
                attributes.toArray(new AttributeProto[0]));
    }

    /**
     * ONNX pads {@code [top, left, bottom, right]}: explicit pads as given; SAME's computed ones
     * with the odd element at the end.
     */
    static long[] pads(Padding padding, ConvGeometry geo) {
        if (padding.isExplicit()) {
            int[] p = padding.pads(); // [top, bottom, left, right]
            return new long[] {p[0], p[2], p[1], p[3]};
        }
        long bottom = Math.max((long) (geo.outH() - 1) * geo.strideH() + geo.kh() - geo.inH() - geo.padTop(), 0);
        long right = Math.max((long) (geo.outW() - 1) * geo.strideW() + geo.kw() - geo.inW() - geo.padLeft(), 0);
        return new long[] {geo.padTop(), geo.padLeft(), bottom, right};
    }

    private String batchNorm(BatchNormalization b, Shape in, String x) {
        int c = in.dim(0);
        float[] gamma = b.scale() ? take(c) : filled(c, 1f);
        float[] beta = b.center() ? take(c) : filled(c, 0f);
        float[] mean = takeState(c);
        float[] var = takeState(c);
        return g.node(
                "BatchNormalization",
                "bn",
                List.of(
                        x,
                        g.floats("gamma", gamma, c),
                        g.floats("beta", beta, c),
                        g.floats("mean", mean, c),
                        g.floats("var", var, c)),
                floatAttr("epsilon", b.epsilon()));
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private String embedding(Embedding e, String x) {
        float[] table = take((long) e.inputDim() * e.outputDim());
        if (e.paddingIndex() >= 0) {
            // The engine outputs zeros for the padding id whatever its row holds.
            Arrays.fill(table, e.paddingIndex() * e.outputDim(), (e.paddingIndex() + 1) * e.outputDim(), 0f);
        }
        String ids = g.node(
                "Cast", "ids", List.of(x), intAttr("to", ai.onnx.proto.OnnxMl.TensorProto.DataType.INT64.getNumber()));
        return g.node(
                "Gather",
                "embedding",
                List.of(g.floats("table", table, e.inputDim(), e.outputDim()), ids),
                intAttr("axis", 0));
    }

    /** An activation on {@code x} of sample shape {@code shape}; softmax normalizes over the whole sample. */
    String activation(Activation a, float alpha, Shape shape, String x) {
        return switch (a) {
            case LINEAR -> x;
            case RELU -> g.node("Relu", "relu", List.of(x));
            case LEAKY_RELU -> g.node("LeakyRelu", "leaky_relu", List.of(x), floatAttr("alpha", alpha));
            case SIGMOID -> g.node("Sigmoid", "sigmoid", List.of(x));
            case TANH -> g.node("Tanh", "tanh", List.of(x));
            case SOFTMAX -> {
                String flat = shape.rank() == 1 ? x : g.node("Flatten", "flatten", List.of(x), intAttr("axis", 1));
                String s = g.node("Softmax", "softmax", List.of(flat), intAttr("axis", -1));
                yield reshape(s, shape);
            }
        };
    }
}
