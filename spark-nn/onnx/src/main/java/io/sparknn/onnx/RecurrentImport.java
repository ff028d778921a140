package io.sparknn.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.sparknn.nn.Embedding;
import io.sparknn.nn.GRU;
import io.sparknn.nn.LSTM;
import io.sparknn.onnx.ImportedLayers.Layout;
import io.sparknn.tensor.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The sequence side of an ONNX graph as {@code torch.onnx.export} writes a {@code batch_first}
 * model: Gather on an embedding table, {@code Transpose(1, 0, 2)} into ONNX's time-major
 * recurrent operators, LSTM/GRU (forward, default activations, zero initial state), and the
 * {@code Squeeze}/{@code Transpose} that bring {@code Y} or {@code Y_h} back to batch-major.
 * Weights go to the engine's layout and gate order ({@link GateLayout}).
 */
final class RecurrentImport {
    private final ImportedLayers net;
    private final Map<String, ConstantTensor> constants;
    private final PaddedSequences padded;

    RecurrentImport(ImportedLayers net, Map<String, ConstantTensor> constants, PaddedSequences padded) {
        this.net = net;
        this.constants = constants;
        this.padded = padded;
    }

    static ConstantTensor constant(NodeProto node, int i, NodeAttributes a, Map<String, ConstantTensor> constants)
            throws OnnxImportException {
        String name = i < node.getInputCount() ? node.getInput(i) : "";
        ConstantTensor t = constants.get(name);
        if (t == null) {
            throw new OnnxImportException(a.label() + " needs a constant (initializer) as input " + i + " but "
                    + (name.isEmpty() ? "it has none" : "'" + name + "' is computed by the graph")
                    + ". The importer reads weights stored in the model only.");
        }
        return t;
    }

    void apply(NodeProto node, NodeAttributes a, int used, int opset) throws OnnxImportException {
        switch (node.getOpType()) {
            case "Transpose" -> transpose(a);
            case "Squeeze" -> squeeze(node, a, opset);
            case "Gather" -> gather(node, a);
            case "Cast" -> cast(a);
            default -> recurrent(node, a, used);
        }
    }

    private void transpose(NodeAttributes a) throws OnnxImportException {
        boolean swap = Arrays.equals(a.ints("perm"), new int[] {1, 0, 2})
                && net.current().rank() == 2;
        if (swap && net.layout() == Layout.BATCH_MAJOR) {
            net.relayout(Layout.TIME_MAJOR, net.current());
        } else if (swap && net.layout() == Layout.TIME_MAJOR) {
            net.relayout(Layout.BATCH_MAJOR, net.current());
        } else {
            throw a.unsupported(
                    "perm=" + Arrays.toString(a.ints("perm")) + " on samples " + net.current(),
                    "perm=[1, 0, 2] between batch-major sequences and an LSTM or GRU");
        }
    }

    private void squeeze(NodeProto node, NodeAttributes a, int opset) throws OnnxImportException {
        long[] axes = opset >= 13
                ? constant(node, 1, a, constants).longs(a.label())
                : Arrays.stream(a.ints("axes")).asLongStream().toArray();
        Layout from = net.layout();
        if (from == Layout.RNN_SEQUENCES && Arrays.equals(axes, new long[] {1})) {
            net.relayout(Layout.TIME_MAJOR, net.current());
        } else if (from == Layout.RNN_LAST && Arrays.equals(axes, new long[] {0})) {
            net.relayout(Layout.BATCH_MAJOR, net.current());
        } else if (from == Layout.POOLED
                && axes.length == 2
                && Arrays.stream(axes).allMatch(x -> x == 2 || x == 3)) {
            net.relayout(Layout.BATCH_MAJOR, net.current());
        } else {
            throw a.unsupported(
                    "axes=" + Arrays.toString(axes) + " on a " + from + " tensor",
                    "removing the direction axis of an LSTM/GRU output (Y: axis 1, Y_h: axis 0) or the 1x1 "
                            + "of a global pooling");
        }
    }

    private void gather(NodeProto node, NodeAttributes a) throws OnnxImportException {
        a.requireInt("axis", 0, 0, "rows of an embedding table");
        ConstantTensor table = constant(node, 0, a, constants);
        if (!net.isEmpty() || net.current().rank() != 1 || table.dims().length != 2) {
            throw new OnnxImportException(a.label() + " is imported as an embedding only: the first layer, "
                    + "gathering rows of a constant table [vocabulary, dim] by the graph's token ids [N, time]; here "
                    + "the table is " + Arrays.toString(table.dims()) + " and the ids " + net.current() + ".");
        }
        int vocabulary = (int) table.dims()[0];
        int dim = (int) table.dims()[1];
        net.add(
                a.label(),
                new Embedding(vocabulary, dim, padded.paddingIndex()),
                table.floats(a.label(), table.dims()));
    }

    private void cast(NodeAttributes a) throws OnnxImportException {
        if (!net.isEmpty()) {
            throw new OnnxImportException(a.label() + " is imported only on the token ids of the graph input "
                    + "(the engine holds them as floats); here it follows "
                    + net.last().type() + ".");
        }
    }

    private void recurrent(NodeProto node, NodeAttributes a, int used) throws OnnxImportException {
        boolean lstm = node.getOpType().equals("LSTM");
        if (net.layout() != Layout.TIME_MAJOR) {
            throw new OnnxImportException(a.label() + " receives a " + net.layout() + " tensor; the importer takes "
                    + "batch_first sequences: a Transpose(perm=[1, 0, 2]) of the [N, time, features] input before it.");
        }
        if (used > 1) {
            throw new OnnxImportException(a.label() + ": the chain continues with its cell state Y_c; only Y (all "
                    + "steps) or Y_h (the last step) can be imported.");
        }
        // With a padding id the engine gives every recurrent layer the valid lengths: the graph must too.
        String lengths = node.getInputCount() > 4 ? node.getInput(4) : "";
        if (padded.lengths() != null && !lengths.equals(padded.lengths())) {
            throw a.unsupported(
                    "sequence_lens " + (lengths.isEmpty() ? "missing" : "'" + lengths + "'"),
                    "the padded-sequence lengths '" + padded.lengths() + "' computed from the token ids, as "
                            + "every recurrent layer after an Embedding with a padding id takes");
        }
        for (int i = padded.lengths() == null ? 4 : 5; i < node.getInputCount(); i++) {
            if (!node.getInput(i).isEmpty()) {
                String what = i == 4 ? "sequence_lens" : i == 5 ? "initial_h" : i == 6 ? "initial_c" : "peepholes P";
                throw a.unsupported(
                        "input " + what + " ('" + node.getInput(i) + "')",
                        "full-length sequences, a zero initial state and no peepholes");
            }
        }
        String direction = a.text("direction", "forward");
        if (!direction.equals("forward")) {
            throw a.unsupported("direction=" + direction, "forward");
        }
        if (a.has("clip")) {
            throw a.unsupported("clip=" + a.real("clip", 0f), "no clip");
        }
        List<String> defaults = lstm ? List.of("Sigmoid", "Tanh", "Tanh") : List.of("Sigmoid", "Tanh");
        if (a.has("activations")) {
            throw a.unsupported("activations (given explicitly)", "the defaults " + defaults);
        }
        a.requireInt("layout", 0, 0, "time-major X, as torch.onnx.export writes");
        int units = (int) a.integer("hidden_size", -1);
        if (units <= 0) {
            throw a.unsupported("hidden_size=" + units, "a positive hidden_size");
        }
        int features = net.current().dim(1);
        int[] order = lstm ? GateLayout.LSTM : GateLayout.GRU;
        int gw = order.length * units;
        if (lstm) {
            a.requireInt("input_forget", 0, 0, "independent input and forget gates");
        } else {
            a.requireInt(
                    "linear_before_reset",
                    0,
                    1,
                    "the engine's GRU is Keras' reset_after=True; " + "PyTorch's nn.GRU exports linear_before_reset=1");
        }
        float[] w = constant(node, 1, a, constants).floats(a.label(), 1, gw, features);
        float[] r = constant(node, 2, a, constants).floats(a.label(), 1, gw, units);
        float[] b = node.getInputCount() > 3 && !node.getInput(3).isEmpty()
                ? constant(node, 3, a, constants).floats(a.label(), 1, 2L * gw)
                : new float[2 * gw];
        float[] kernel = GateLayout.toEngine(w, 0, features, units, order);
        float[] recurrent = GateLayout.toEngine(r, 0, units, units, order);
        float[] wb = GateLayout.biasToEngine(b, 0, units, order);
        float[] rb = GateLayout.biasToEngine(b, gw, units, order);
        boolean sequences = used == 0;
        if (lstm) {
            // The engine's LSTM has one bias; ONNX's two only ever appear summed.
            for (int i = 0; i < gw; i++) {
                wb[i] += rb[i];
            }
            net.add(a.label(), new LSTM(units, sequences), kernel, recurrent, wb);
        } else {
            // The GRU keeps both: r multiplies (h R + Rb) of the candidate gate.
            net.add(a.label(), new GRU(units, sequences), kernel, recurrent, wb, rb);
        }
        Shape out = net.current();
        net.relayout(sequences ? Layout.RNN_SEQUENCES : Layout.RNN_LAST, out);
    }
}
