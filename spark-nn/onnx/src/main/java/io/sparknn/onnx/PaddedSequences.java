package io.sparknn.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The side branch {@link OnnxExporter} writes for a network whose Embedding has a padding id:
 * {@code Equal(features, pad) -> Not -> Cast(float) -> Mul(1..T) -> ReduceMax(axis 1) ->
 * Cast(int32)}, each sample's valid length (last non-padding position plus one) fed to the
 * LSTM/GRU as {@code sequence_lens}. Reading it back gives the Embedding its padding id, from
 * which the engine derives the same lengths. Any other use of the lengths is refused by name.
 *
 * @param paddingIndex the padding id, -1 when the graph has no such branch
 * @param lengths      the int32 lengths tensor that recurrent nodes may take as {@code sequence_lens}
 * @param nodes        the branch's nodes, which are not part of the layer chain
 */
record PaddedSequences(int paddingIndex, String lengths, List<NodeProto> nodes) {
    static final PaddedSequences NONE = new PaddedSequences(-1, null, List.of());

    private static final List<String> BRANCH = List.of("Equal", "Not", "Cast", "Mul", "ReduceMax", "Cast");

    /** Finds the branch on the graph input {@code input}, or {@link #NONE}. */
    static PaddedSequences find(
            List<NodeProto> nodes, String input, Map<String, ConstantTensor> constants, String source)
            throws OnnxImportException {
        NodeProto equal = nodes.stream()
                .filter(n -> n.getOpType().equals("Equal") && n.getInputList().contains(input))
                .findFirst()
                .orElse(null);
        if (equal == null) {
            return NONE;
        }
        List<NodeProto> branch = new ArrayList<>();
        NodeProto node = equal;
        for (int i = 0; i < BRANCH.size(); i++) {
            if (node == null || !node.getOpType().equals(BRANCH.get(i))) {
                throw notTheExportersBranch(
                        equal,
                        source,
                        "node " + i + " of it is " + (node == null ? "missing or shared" : NodeAttributes.label(node))
                                + ", not " + BRANCH.get(i));
            }
            branch.add(node);
            node = i + 1 < BRANCH.size() ? onlyConsumer(nodes, node.getOutput(0)) : null;
        }
        NodeAttributes equalAttrs = new NodeAttributes(equal);
        ConstantTensor pad =
                RecurrentImport.constant(equal, equal.getInput(0).equals(input) ? 1 : 0, equalAttrs, constants);
        float[] padValue = pad.floats(equalAttrs.label());
        NodeProto mul = branch.get(3);
        int positionsInput = mul.getInput(0).equals(branch.get(2).getOutput(0)) ? 1 : 0;
        ConstantTensor positions = RecurrentImport.constant(mul, positionsInput, new NodeAttributes(mul), constants);
        float[] p = positions.floats(NodeAttributes.label(mul), positions.dims());
        for (int t = 0; t < p.length; t++) {
            if (p[t] != t + 1) {
                throw notTheExportersBranch(equal, source, "its positions are not 1.." + p.length);
            }
        }
        return new PaddedSequences((int) padValue[0], branch.get(5).getOutput(0), branch);
    }

    /** The one node reading {@code tensor}; null when none or several do. */
    private static NodeProto onlyConsumer(List<NodeProto> nodes, String tensor) {
        List<NodeProto> readers =
                nodes.stream().filter(n -> n.getInputList().contains(tensor)).toList();
        return readers.size() == 1 ? readers.get(0) : null;
    }

    private static OnnxImportException notTheExportersBranch(NodeProto equal, String source, String why) {
        return new OnnxImportException(source + ": " + NodeAttributes.label(equal) + " compares the graph input with "
                + "a padding id, but the branch it starts is not the padded-sequence lengths spark-nn exports ("
                + String.join(" -> ", BRANCH) + " into an LSTM/GRU's sequence_lens): " + why + ". A mean over padded "
                + "sequences and other uses of the padding mask cannot be imported.");
    }
}
