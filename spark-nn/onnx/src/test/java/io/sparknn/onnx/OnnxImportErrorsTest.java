package io.sparknn.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.Dense;
import io.sparknn.nn.GlobalAveragePooling1D;
import io.sparknn.nn.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each kind of bad ONNX file gets one clear error naming what is wrong; none is imported as something else. */
class OnnxImportErrorsTest {

    @Test
    void truncatedFile() throws Exception {
        byte[] model =
                OnnxImporterTest.FIXTURES.resolve("mlp_gemm.onnx").toFile().exists()
                        ? Files.readAllBytes(OnnxImporterTest.FIXTURES.resolve("mlp_gemm.onnx"))
                        : new byte[0];
        assertMessage(Arrays.copyOf(model, model.length / 2), "is not an ONNX model", "truncated");
    }

    @Test
    void anotherFormat() {
        assertMessage("{\"class_name\": \"Sequential\"}".getBytes(StandardCharsets.UTF_8), "is not an ONNX model");
    }

    @Test
    void unsupportedOperatorNamesTheNodeAndWhatIsSupported() throws Exception {
        byte[] model = edit(m -> renameOp(m, "Relu", "Selu"));
        assertMessage(model, "node 'Relu_", "(Selu)", "op_type the importer does not support", "Supported: Gemm");
    }

    @Test
    void unsupportedAttributeNamesIt() throws Exception {
        byte[] model = edit(m -> {
            ModelProto.Builder b = m.toBuilder();
            NodeProto.Builder gemm = b.getGraphBuilder().getNodeBuilder(0);
            gemm.addAttribute(OnnxGraph.floatAttr("alpha", 2f));
            return b.build();
        });
        assertMessage(model, "(Gemm) has alpha=2.0", "supported: alpha=1, beta=1");
    }

    @Test
    void weightsThatDoNotFitTheLayer() throws Exception {
        byte[] model = edit(m -> {
            ModelProto.Builder b = m.toBuilder();
            b.getGraphBuilder().getInitializerBuilder(0).setDims(1, 5).setDims(0, 16);
            return b.build();
        });
        assertMessage(model, "(Gemm)", "do not fit");
    }

    @Test
    void aBranchIsNotALinearChain() throws Exception {
        byte[] model = edit(m -> {
            ModelProto.Builder b = m.toBuilder();
            // The second Gemm reads the graph input again instead of the Relu's output.
            NodeProto.Builder second = b.getGraphBuilder().getNodeBuilder(3);
            second.setInput(0, "input");
            return b.build();
        });
        assertMessage(model, "linear chains only");
    }

    @Test
    void aMeanOverPaddedSequencesIsRefusedByName() throws Exception {
        byte[] model = OnnxExporter.export(
                        OnnxExporterTest.randomNetwork(
                                paddedLstm(true)
                                        .add(new GlobalAveragePooling1D())
                                        .add(new Dense(1))
                                        .build(),
                                1),
                        OnnxExporter.Head.PREDICTION)
                .toByteArray();
        assertMessage(model, "(Equal)", "A mean over padded sequences");
    }

    @Test
    void aRecurrentNodeWithoutThePaddedLengthsIsRefusedNotImportedUnmasked() throws Exception {
        byte[] exported = OnnxExporter.export(
                        OnnxExporterTest.randomNetwork(
                                paddedLstm(false).add(new Dense(1)).build(), 1),
                        OnnxExporter.Head.PREDICTION)
                .toByteArray();
        ModelProto.Builder b = ModelProto.parseFrom(exported).toBuilder();
        for (NodeProto.Builder n : b.getGraphBuilder().getNodeBuilderList()) {
            if (n.getOpType().equals("LSTM")) {
                n.setInput(4, "");
            }
        }
        assertMessage(b.build().toByteArray(), "(LSTM)", "sequence_lens missing");
    }

    private static NetworkSpec.Builder paddedLstm(boolean returnSequences) {
        return NetworkSpec.builder(4)
                .add(new io.sparknn.nn.Embedding(5, 2, 0))
                .add(new io.sparknn.nn.LSTM(2, returnSequences));
    }

    private static byte[] edit(UnaryOperator<ModelProto> change) throws Exception {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(Path.of("src/test/fixtures/mlp_gemm.onnx")));
        return change.apply(m).toByteArray();
    }

    private static ModelProto renameOp(ModelProto m, String from, String to) {
        ModelProto.Builder b = m.toBuilder();
        for (NodeProto.Builder n : b.getGraphBuilder().getNodeBuilderList()) {
            if (n.getOpType().equals(from)) {
                n.setOpType(to);
            }
        }
        return b.build();
    }

    private static void assertMessage(byte[] model, String... parts) {
        OnnxImportException e =
                assertThrows(OnnxImportException.class, () -> importBytes(model), "an error, not a network");
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("bad.onnx"), "names the file: " + e.getMessage());
    }

    private static SavedNetwork importBytes(byte[] model) throws Exception {
        return OnnxImporter.read(new ByteArrayInputStream(model), "bad.onnx");
    }
}
