package io.sparknn.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.tensor.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a trained network (spec, weights and BatchNormalization statistics) as a standard ONNX
 * model, opset {@value #OPSET}, for ONNX Runtime or any other ONNX server. The graph has one
 * input, {@value #INPUT}: float {@code [N, F]}, the flat feature vector a Spark model scores
 * ({@code F} = the product of the spec's input shape; it is reshaped to that shape inside the
 * graph). It has one output named after the Spark column it reproduces:
 *
 * <ul>
 *   <li>{@link Head#PROBABILITY} ({@value #PROBABILITY}, float {@code [N, classes]}): a
 *       classifier's class probabilities; a one-unit sigmoid network gives {@code [1 - p, p]}
 *       as the Spark classifier does.
 *   <li>{@link Head#PREDICTION} ({@value #PREDICTION}, float {@code [N, outputs]}): a
 *       regressor's values.
 * </ul>
 *
 * <p>Inference form: Dropout is left out, BatchNormalization normalizes with its running
 * statistics. The spec is kept in the model's metadata under {@value #SPEC_METADATA}.
 */
public final class OnnxExporter {
    /** The ONNX operator set the graph uses. */
    public static final int OPSET = 17;
    /** ONNX IR version 8 is the one that introduced opset 17. */
    static final int IR_VERSION = 8;

    public static final String INPUT = "features";
    public static final String PROBABILITY = "probability";
    public static final String PREDICTION = "prediction";
    public static final String SPEC_METADATA = "spark-nn.networkSpec";

    /** What the output holds, and so its name. */
    public enum Head {
        PROBABILITY(OnnxExporter.PROBABILITY),
        PREDICTION(OnnxExporter.PREDICTION);

        private final String outputName;

        Head(String outputName) {
            this.outputName = outputName;
        }

        public String outputName() {
            return outputName;
        }
    }

    private OnnxExporter() {}

    /** The ONNX model of {@code network}. */
    public static ModelProto export(SavedNetwork network, Head head) {
        NetworkSpec spec = network.spec();
        OnnxGraph g = new OnnxGraph();
        LayerExport layers = new LayerExport(g, network);
        String x = layers.input(INPUT);
        for (int i = 0; i < spec.layers().size(); i++) {
            x = layers.layer(i, x);
        }
        int outputs = spec.outputShape().size();
        if (spec.outputShape().rank() > 1) {
            x = g.node("Flatten", "flat", List.of(x), OnnxGraph.intAttr("axis", 1));
        }
        if (head == Head.PROBABILITY && outputs == 1) {
            // A one-unit sigmoid classifier: Spark's probability column is (1 - p, p).
            String q = g.node("Sub", "q", List.of(g.scalar("one", 1f), x));
            x = g.node("Concat", "pq", List.of(q, x), OnnxGraph.intAttr("axis", 1));
            outputs = 2;
        }
        g.nodeWithOutputs("Identity", List.of(x), List.of(head.outputName()));
        GraphProto.Builder graph = g.builder()
                .setName("spark-nn")
                .addInput(floatMatrix(INPUT, spec.inputShape().size()))
                .addOutput(floatMatrix(head.outputName(), outputs));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("spark-nn")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder()
                        .setKey(SPEC_METADATA)
                        .setValue(spec.toJson()))
                .setGraph(graph)
                .build();
    }

    /**
     * Writes the model to {@code file} through a temporary sibling and a rename, so a reader
     * never sees half a model. The caller decides whether an existing file may be replaced.
     */
    public static void write(SavedNetwork network, Head head, Path file) throws IOException {
        ModelProto model = export(network, head);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                model.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A float {@code [N, width]} graph input or output, N symbolic. */
    private static ValueInfoProto floatMatrix(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT.getNumber())
                                .setShape(shape)))
                .build();
    }

    /** The dimensions {@code [-1, dims...]}: a batch of samples of {@code shape}. */
    static long[] batchOf(Shape shape) {
        long[] dims = new long[shape.rank() + 1];
        dims[0] = -1;
        for (int i = 0; i < shape.rank(); i++) {
            dims[i + 1] = shape.dim(i);
        }
        return dims;
    }
}
