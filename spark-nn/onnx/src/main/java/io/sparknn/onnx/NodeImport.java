package io.sparknn.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.sparknn.nn.ActivationSpec;
import io.sparknn.nn.BatchNormalization;
import io.sparknn.nn.Dense;
import io.sparknn.nn.Flatten;
import io.sparknn.nn.GlobalAveragePooling1D;
import io.sparknn.nn.Reshape;
import io.sparknn.nn.layer.Activation;
import io.sparknn.onnx.ImportedLayers.Layout;
import io.sparknn.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns one node of a linear chain into engine layers (or a change of layout), converting
 * weights to the engine's layout: Gemm/MatMul kernels to {@code [in, units]}, explicit pads,
 * BatchNormalization's statistics to the network state. The recurrent operators are in
 * {@link RecurrentImport}.
 */
final class NodeImport {
    static final String SUPPORTED =
            "Gemm, MatMul (+ Add as its bias), Conv, MaxPool, AveragePool (count_include_pad 0 or 1), "
                    + "GlobalAveragePool, GlobalMaxPool, BatchNormalization, Relu, LeakyRelu, Sigmoid, Tanh, Softmax, "
                    + "Flatten, Reshape, ReduceMean over time, Transpose/Squeeze around LSTM and GRU, LSTM, GRU, Gather (embedding), Dropout, "
                    + "Identity";

    private final ImportedLayers net;
    private final Map<String, ConstantTensor> constants;
    private final int opset;
    private final RecurrentImport recurrent;
    private final ImageImport images;

    NodeImport(ImportedLayers net, Map<String, ConstantTensor> constants, int opset, PaddedSequences padded) {
        this.net = net;
        this.constants = constants;
        this.opset = opset;
        this.recurrent = new RecurrentImport(net, constants, padded);
        this.images = new ImageImport(net, constants);
    }

    /** Applies {@code node}, whose output {@code used} continues the chain. */
    void apply(NodeProto node, int used) throws OnnxImportException {
        NodeAttributes a = new NodeAttributes(node);
        String op = node.getOpType();
        if (!op.equals("LSTM") && !op.equals("GRU") && used != 0) {
            throw new OnnxImportException(a.label() + ": the chain continues with its output " + used + " ('"
                    + node.getOutput(used) + "'); only the first output of a " + op + " can be imported.");
        }
        switch (op) {
            case "Identity", "Dropout" -> {} // the identity at inference
            case "Gemm" -> gemm(node, a);
            case "MatMul" -> dense(a, weight(node, 1, a), false, true);
            case "Add" -> addBias(node, a);
            case "Conv" -> images.conv(node, a);
            case "MaxPool", "AveragePool" -> images.pool(node, a);
            case "GlobalAveragePool", "GlobalMaxPool" -> images.globalPool(a, op);
            case "BatchNormalization" -> batchNorm(node, a);
            case "Relu" -> net.add(a.label(), new ActivationSpec(Activation.RELU));
            case "Sigmoid" -> net.add(a.label(), new ActivationSpec(Activation.SIGMOID));
            case "Tanh" -> net.add(a.label(), new ActivationSpec(Activation.TANH));
            case "LeakyRelu" -> net.add(a.label(), new ActivationSpec(Activation.LEAKY_RELU, a.real("alpha", 0.01f)));
            case "Softmax" -> softmax(a);
            case "Flatten" -> flatten(a);
            case "ReduceMean" -> meanOverTime(node, a);
            case "Reshape" -> reshape(node, a);
            case "Transpose", "Squeeze", "LSTM", "GRU", "Gather", "Cast" -> recurrent.apply(node, a, used, opset);
            default ->
                throw new OnnxImportException(
                        a.label() + " has an op_type the importer does not support. Supported: " + SUPPORTED + ".");
        }
    }

    /** The constant at input {@code i} of the node; an error if it is missing or not constant. */
    ConstantTensor weight(NodeProto node, int i, NodeAttributes a) throws OnnxImportException {
        return RecurrentImport.constant(node, i, a, constants);
    }

    private void requireFlat(NodeAttributes a) throws OnnxImportException {
        if (net.layout() != Layout.BATCH_MAJOR || net.current().rank() != 1) {
            throw new OnnxImportException(
                    a.label() + " receives samples of shape " + net.current() + " (" + net.layout()
                            + "); the importer takes it on flat [N, features] input only. Put a Flatten before it.");
        }
    }

    private void gemm(NodeProto node, NodeAttributes a) throws OnnxImportException {
        a.requireInt("transA", 0, 0, "the input is [N, features]");
        if (a.real("alpha", 1f) != 1f || a.real("beta", 1f) != 1f) {
            throw a.unsupported("alpha=" + a.real("alpha", 1f) + ", beta=" + a.real("beta", 1f), "alpha=1, beta=1");
        }
        boolean transB = a.integer("transB", 0) == 1;
        Dense d = dense(
                a,
                weight(node, 1, a),
                transB,
                node.getInputCount() < 3 || node.getInput(2).isEmpty());
        if (d.useBias()) {
            net.replaceLast(d, bias(weight(node, 2, a), d.units(), a));
        }
    }

    /** Adds a Dense of kernel {@code w} ({@code [units, in]} if transposed, PyTorch's Linear); bias added by the caller. */
    private Dense dense(NodeAttributes a, ConstantTensor w, boolean transposed, boolean noBias)
            throws OnnxImportException {
        requireFlat(a);
        int in = net.current().dim(0);
        if (w.dims().length != 2 || w.dims()[transposed ? 1 : 0] != in) {
            throw new OnnxImportException(a.label() + " multiplies its [N, " + in + "] input by '" + w.name()
                    + "' of dimensions " + Arrays.toString(w.dims()) + (transposed ? " transposed" : "")
                    + ". The weights do not fit the layer.");
        }
        int units = (int) w.dims()[transposed ? 0 : 1];
        float[] kernel = w.floats(a.label(), w.dims());
        if (transposed) {
            kernel = transpose(kernel, units, in);
        }
        Dense d = new Dense(units, Activation.LINEAR, !noBias, null, null);
        net.add(a.label(), new Dense(units, Activation.LINEAR, false, null, null), kernel);
        return d;
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** A bias of {@code units} values ({@code [units]} or {@code [1, units]}). */
    static float[] bias(ConstantTensor b, int units, NodeAttributes a) throws OnnxImportException {
        if (b.size() != units || b.floats() == null) {
            throw new OnnxImportException(a.label() + " adds '" + b.name() + "' of dimensions "
                    + Arrays.toString(b.dims()) + " to " + units + " outputs; a bias of " + units
                    + " floats is expected. The weights do not fit the layer.");
        }
        return b.floats();
    }

    private void addBias(NodeProto node, NodeAttributes a) throws OnnxImportException {
        if (net.isEmpty() || !(net.last() instanceof Dense d) || d.useBias()) {
            throw new OnnxImportException(a.label() + " is imported only as the bias of the MatMul right before "
                    + "it (a Linear layer); here it follows "
                    + (net.isEmpty() ? "the input" : net.last().type())
                    + ". Supported: " + SUPPORTED + ".");
        }
        int c = node.getInput(0).equals(constantInput(node)) ? 0 : 1;
        ConstantTensor b = weight(node, c == 0 ? 0 : 1, a);
        net.replaceLast(new Dense(d.units(), Activation.LINEAR, true, null, null), bias(b, d.units(), a));
    }

    private String constantInput(NodeProto node) {
        return node.getInputList().stream()
                .filter(constants::containsKey)
                .findFirst()
                .orElse("");
    }

    private void batchNorm(NodeProto node, NodeAttributes a) throws OnnxImportException {
        if (net.layout() != Layout.BATCH_MAJOR) {
            throw new OnnxImportException(
                    a.label() + " receives a " + net.layout() + " tensor; it is imported on " + "[N, C, ...] only.");
        }
        a.requireInt("training_mode", 0, 0, "inference form");
        int c = net.current().dim(0);
        float momentum = a.real("momentum", 0.9f);
        float[] gamma = weight(node, 1, a).floats(a.label(), c);
        float[] beta = weight(node, 2, a).floats(a.label(), c);
        float[] mean = weight(node, 3, a).floats(a.label(), c);
        float[] var = weight(node, 4, a).floats(a.label(), c);
        // ONNX's momentum weighs the running value, as Keras' (PyTorch's momentum m is exported as 1 - m).
        net.add(a.label(), new BatchNormalization(momentum, a.real("epsilon", 1e-5f), true, true), gamma, beta);
        net.addState(mean, var);
    }

    private void softmax(NodeAttributes a) throws OnnxImportException {
        long axis = a.integer("axis", opset < 13 ? 1 : -1);
        Shape s = net.current();
        // The engine normalizes over the whole sample: ONNX's last axis of a flat sample, or (before opset 13) axis 1.
        boolean whole = net.layout() == Layout.BATCH_MAJOR
                && (s.rank() == 1 ? axis == 1 || axis == -1 : opset < 13 && axis == 1);
        if (!whole) {
            throw a.unsupported(
                    "axis=" + axis + " on samples of shape " + s + " (opset " + opset + ")",
                    "a softmax over the whole sample: on [N, classes] with axis 1 or -1");
        }
        net.add(a.label(), new ActivationSpec(Activation.SOFTMAX));
    }

    /** ReduceMean over axis 1 of [N, time, features] without keepdims: GlobalAveragePooling1D. */
    private void meanOverTime(NodeProto node, NodeAttributes a) throws OnnxImportException {
        long[] axes = opset >= 18 && node.getInputCount() > 1
                ? weight(node, 1, a).longs(a.label())
                : Arrays.stream(a.ints("axes")).asLongStream().toArray();
        boolean overTime = net.layout() == Layout.BATCH_MAJOR
                && net.current().rank() == 2
                && Arrays.equals(axes, new long[] {1})
                && a.integer("keepdims", 1) == 0;
        if (!overTime) {
            throw a.unsupported(
                    "axes=" + Arrays.toString(axes) + ", keepdims=" + a.integer("keepdims", 1) + " on samples "
                            + net.current(),
                    "the mean over time of [N, time, features]: axes=[1], keepdims=0");
        }
        net.add(a.label(), new GlobalAveragePooling1D());
    }

    private void flatten(NodeAttributes a) throws OnnxImportException {
        a.requireInt("axis", 1, 1, "keeps the batch axis");
        if (net.layout() == Layout.POOLED) {
            net.relayout(Layout.BATCH_MAJOR, net.current());
        } else if (net.layout() != Layout.BATCH_MAJOR) {
            throw new OnnxImportException(
                    a.label() + " receives a " + net.layout() + " tensor; it is imported on " + "[N, ...] only.");
        } else if (net.current().rank() > 1) {
            net.add(a.label(), new Flatten());
        }
    }

    private void reshape(NodeProto node, NodeAttributes a) throws OnnxImportException {
        a.requireInt("allowzero", 0, 0, "0 copies the input dimension");
        long[] target = weight(node, 1, a).longs(a.label());
        List<Integer> onnxDims = new ArrayList<>();
        onnxDims.add(-1);
        for (int d : net.current().dims()) {
            onnxDims.add(d);
        }
        if (net.layout() == Layout.POOLED) {
            onnxDims.addAll(List.of(1, 1));
        } else if (net.layout() != Layout.BATCH_MAJOR) {
            throw new OnnxImportException(
                    a.label() + " receives a " + net.layout() + " tensor; it is imported on " + "[N, ...] only.");
        }
        if (target.length < 2 || (target[0] != -1 && target[0] != 0)) {
            throw a.unsupported(
                    "shape " + Arrays.toString(target),
                    "a shape that keeps the batch first: " + "[-1, ...] or [0, ...]");
        }
        List<Integer> dims = new ArrayList<>();
        for (int i = 1; i < target.length; i++) {
            int d = (int) target[i];
            dims.add(d == 0 ? onnxDims.get(i) : d);
        }
        if (target[0] == -1 && dims.contains(-1)) {
            throw a.unsupported("shape " + Arrays.toString(target), "at most one -1 (the batch)");
        }
        net.relayout(Layout.BATCH_MAJOR, net.current());
        if (dims.size() == 1 && net.current().rank() == 1) {
            return; // [N, F] stays [N, F]
        }
        net.add(a.label(), dims.size() == 1 ? new Flatten() : new Reshape(dims));
    }
}
