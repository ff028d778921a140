package io.sparknn.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX model whose graph is a linear chain (one tensor flowing from node to node, as
 * {@code torch.onnx.export} writes an {@code nn.Sequential}) into a network spec and weights,
 * converting layouts explicitly: PyTorch's Linear {@code [out, in]} (Gemm {@code transB=1}) to the
 * engine's Dense kernel {@code [in, out]}, ONNX pads to explicit padding, LSTM gates i, o, f, c to
 * the engine's i, f, c, o with the two biases summed, the GRU's two biases kept
 * ({@code linear_before_reset=1}), BatchNormalization's statistics to the network state.
 *
 * <p>The graph input is {@code [N, ...]} with every other dimension fixed; the network's input
 * shape is those dimensions (a Spark model receives them flattened, row-major). Integer token
 * ids into a Gather give an Embedding. Anything else is an {@link OnnxImportException} naming
 * the node, its op_type and what is supported; a graph is never imported as a different network.
 */
public final class OnnxImporter {
    /** Files larger than this are refused before parsing (protobuf's own limit is 2 GiB). */
    static final long MAX_BYTES = Integer.MAX_VALUE;

    private OnnxImporter() {}

    public static SavedNetwork read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new OnnxImportException(file + " has " + Files.size(file) + " bytes; ONNX models of at most 2 GiB "
                    + "are read (larger ones keep weights in external data, which is not supported).");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static SavedNetwork read(InputStream in, String source) throws IOException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException(
                    source + " is not an ONNX model (" + e.getMessage() + "). The file is "
                            + "truncated or in another format; export it with torch.onnx.export or onnx.save.",
                    e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new OnnxImportException(source + " is not an ONNX model: it has no graph. The file is in another "
                    + "format or empty; export it with torch.onnx.export or onnx.save.");
        }
        return fromModel(model, source);
    }

    public static SavedNetwork fromModel(ModelProto model, String source) throws OnnxImportException {
        GraphProto graph = model.getGraph();
        Map<String, ConstantTensor> constants = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), ConstantTensor.of(t, source));
        }
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Constant")
                    && n.getAttributeCount() == 1
                    && n.getAttribute(0).hasT()) {
                constants.put(
                        n.getOutput(0),
                        ConstantTensor.of(
                                n.getAttribute(0).getT().toBuilder()
                                        .setName(n.getOutput(0))
                                        .build(),
                                source));
            } else {
                nodes.add(n);
            }
        }
        ValueInfoProto input = dataInput(graph, constants, source);
        ImportedLayers net = new ImportedLayers(sampleShape(input, source));
        PaddedSequences padded = PaddedSequences.find(nodes, input.getName(), constants, source);
        nodes.removeAll(padded.nodes());
        NodeImport importer = new NodeImport(net, constants, opset(model), padded);
        Set<String> consumed = consumedTensors(graph);
        String current = input.getName();
        try {
            for (NodeProto node : nodes) {
                requireChain(node, current, constants, padded.lengths(), source);
                int used = usedOutput(node, consumed, source);
                try {
                    importer.apply(node, used);
                } catch (OnnxImportException e) {
                    throw new OnnxImportException(source + ": " + e.getMessage(), e);
                }
                current = node.getOutput(used);
            }
        } catch (InvalidNetworkException e) {
            throw new OnnxImportException(source + ": " + e.getMessage(), e);
        }
        if (graph.getOutputCount() != 1 || !graph.getOutput(0).getName().equals(current)) {
            throw new OnnxImportException(source + ": the chain of nodes ends in '" + current + "' but the graph's "
                    + "outputs are "
                    + graph.getOutputList().stream()
                            .map(ValueInfoProto::getName)
                            .toList()
                    + ". The importer takes graphs with one output at the end of one chain.");
        }
        if (net.layout() != ImportedLayers.Layout.BATCH_MAJOR && net.layout() != ImportedLayers.Layout.POOLED) {
            throw new OnnxImportException(source + ": the graph's output is a " + net.layout() + " tensor; the "
                    + "engine's outputs are batch-major. Transpose/Squeeze it back to [N, ...] in the model.");
        }
        return net.build(source);
    }

    private static int opset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return (int) o.getVersion();
            }
        }
        return 1;
    }

    /** The one graph input that is not a weight. */
    private static ValueInfoProto dataInput(GraphProto graph, Map<String, ConstantTensor> constants, String source)
            throws OnnxImportException {
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(i -> !constants.containsKey(i.getName()))
                .toList();
        if (inputs.size() != 1) {
            throw new OnnxImportException(source + ": the graph has " + inputs.size() + " data inputs "
                    + inputs.stream().map(ValueInfoProto::getName).toList() + "; the importer takes models with one.");
        }
        return inputs.get(0);
    }

    /** The input's dimensions after the batch; every one must be fixed. */
    private static Shape sampleShape(ValueInfoProto input, String source) throws OnnxImportException {
        List<TensorShapeProto.Dimension> dims =
                input.getType().getTensorType().getShape().getDimList();
        if (dims.size() < 2) {
            throw new OnnxImportException(source + ": the graph input '" + input.getName() + "' has rank " + dims.size()
                    + "; the importer takes [N, features...] with a batch axis first.");
        }
        int[] sample = new int[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            TensorShapeProto.Dimension d = dims.get(i);
            if (!d.hasDimValue() || d.getDimValue() <= 0) {
                throw new OnnxImportException(source + ": dimension " + i + " of the graph input '" + input.getName()
                        + "' is '" + (d.hasDimParam() ? d.getDimParam() : "unknown") + "', not a fixed size. Export "
                        + "with a fixed sample shape (dynamic_axes on the batch axis only).");
            }
            sample[i - 1] = (int) d.getDimValue();
        }
        return Shape.of(sample);
    }

    private static Set<String> consumedTensors(GraphProto graph) {
        Set<String> consumed = new HashSet<>();
        graph.getNodeList().forEach(n -> consumed.addAll(n.getInputList()));
        graph.getOutputList().forEach(o -> consumed.add(o.getName()));
        return consumed;
    }

    /** Fails unless {@code current} is the node's only input that is not a constant or the sequence lengths. */
    private static void requireChain(
            NodeProto node, String current, Map<String, ConstantTensor> constants, String lengths, String source)
            throws OnnxImportException {
        List<String> data = node.getInputList().stream()
                .filter(i -> !i.isEmpty() && !constants.containsKey(i) && !i.equals(lengths))
                .toList();
        if (!data.equals(List.of(current))) {
            throw new OnnxImportException(source + ": " + NodeAttributes.label(node) + " reads " + data
                    + " but the chain's tensor is '" + current + "'. The importer takes linear chains only (a "
                    + "sequential model: each node reads the previous node's output and constants); branches, "
                    + "skip connections and shape computations are not supported.");
        }
    }

    /** The index of the node's one output that a later node or the graph output reads. */
    private static int usedOutput(NodeProto node, Set<String> consumed, String source) throws OnnxImportException {
        int used = -1;
        for (int i = 0; i < node.getOutputCount(); i++) {
            if (!node.getOutput(i).isEmpty() && consumed.contains(node.getOutput(i))) {
                if (used >= 0) {
                    throw new OnnxImportException(source + ": " + NodeAttributes.label(node) + " has two outputs in "
                            + "use ('" + node.getOutput(used) + "', '" + node.getOutput(i) + "'). The importer "
                            + "takes linear chains only.");
                }
                used = i;
            }
        }
        if (used < 0) {
            throw new OnnxImportException(source + ": " + NodeAttributes.label(node) + " has no output that the "
                    + "graph uses. The importer takes linear chains only.");
        }
        return used;
    }
}
