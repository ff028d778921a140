package io.sparknn.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparknn.backend.Backend;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.testing.TestBackends;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures of {@code src/test/fixtures/make_onnx_fixtures.py} (PyTorch-style graphs with
 * weights in PyTorch's layouts, and ONNX Runtime's outputs from Python): imported, the engine's
 * forward pass on both backends equals ONNX Runtime within {@link OnnxRuntimeRunner#RTOL}.
 */
class OnnxImporterTest {
    static final Path FIXTURES = Path.of("src/test/fixtures");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mlp_gemm",
                "mlp_matmul",
                "cnn",
                "cnn_reshape_globalmax",
                "lstm_gru",
                "embedding_lstm",
                "seed000_mlp",
                "seed001_binary",
                "seed002_lstm",
                "seed003_cnn",
                "seed004_cnn"
            })
    void importedNetworkPredictsWhatOnnxRuntimeDoes(String name) throws IOException {
        SavedNetwork net = OnnxImporter.read(FIXTURES.resolve(name + ".onnx"));
        Fixture f = Fixture.read(name);
        assertEquals(f.batch() * net.spec().inputShape().size(), f.input().length, "input size");
        for (Backend backend : TestBackends.list()) {
            float[] out;
            try (Network n = net.toNetwork(backend)) {
                out = n.predict(f.input(), f.batch());
            }
            OnnxRuntimeRunner.assertClose(
                    name + " on " + backend.name(), f.output(), java.util.Arrays.copyOf(out, f.output().length));
        }
    }

    /**
     * The seed fixtures are the seed configs' networks: the same input and output shapes and the
     * same number of weights (the import spells activations as layers of their own).
     */
    @ParameterizedTest
    @ValueSource(strings = {"seed000-mlp", "seed001-binary", "seed002-lstm", "seed003-cnn", "seed004-cnn"})
    void seedFixtureIsTheConfiguredNetwork(String config) throws IOException {
        NetworkSpec configured = SeedNetworks.load(config).spec();
        NetworkSpec imported = OnnxImporter.read(FIXTURES.resolve(config.replace('-', '_') + ".onnx"))
                .spec();
        assertEquals(configured.inputShape().size(), imported.inputShape().size(), config + " input size");
        assertEquals(configured.outputShape(), imported.outputShape(), config + " output shape");
        assertEquals(configured.paramCount(), imported.paramCount(), config + " weights");
    }

    /** A fixture's input (flattened row-major) and ONNX Runtime's output. */
    record Fixture(int batch, float[] input, float[] output) {
        static Fixture read(String name) throws IOException {
            JsonNode json =
                    new ObjectMapper().readTree(FIXTURES.resolve(name + ".json").toFile());
            return new Fixture(
                    json.get("inputShape").get(0).asInt(), floats(json.get("input")), floats(json.get("output")));
        }

        private static float[] floats(JsonNode array) {
            float[] v = new float[array.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) array.get(i).asDouble();
            }
            return v;
        }
    }
}
