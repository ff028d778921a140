package io.sparknn.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.Backend;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.Network;
import io.sparknn.testing.OnEveryBackend;
import java.util.List;

/**
 * Every fixture model, from its .keras archive and its legacy .h5 file, imported and run on each
 * backend, predicts what Keras predicted for the same inputs.
 *
 * <p>Tolerance: |engine - keras| <= 1e-5 * max(1, |keras|). Both compute in float32 but sum in
 * different orders (im2col/oneDNN vs TensorFlow's kernels, GEMM blockings); the fixtures' sums
 * run over at most ~100 products of values below ~3, whose rounding stays well below 1e-5.
 */
class KerasModelImporterTest {
    static final List<String> FIXTURES = List.of(
            "mlp",
            "cnn",
            "cnn_global_max",
            "cnn_global_average",
            "reshape_cnn",
            "rnn_tokens",
            "rnn_features",
            "lstm_last",
            "functional_chain");

    @OnEveryBackend
    void everyFixtureMatchesKerasFromBothFormats(Backend backend) throws Exception {
        for (String name : FIXTURES) {
            KerasFixture f = KerasFixture.load(name);
            for (String ext : List.of(".keras", ".h5")) {
                SavedNetwork saved = KerasModelImporter.read(KerasFixture.file(name + ext));
                try (Network net = saved.toNetwork(backend)) {
                    float[] y = net.predict(f.engineInput(), f.batch());
                    assertClose(name + ext, f.output(), y);
                }
            }
        }
    }

    /** The seed networks of conf/seed00*.yaml as Keras builds them (saved as .keras only: they are large). */
    @OnEveryBackend
    void seedNetworksBuiltInKerasMatchKeras(Backend backend) throws Exception {
        for (String name : List.of("seed000_mlp", "seed001_binary", "seed002_lstm", "seed003_cnn", "seed004_cnn")) {
            KerasFixture f = KerasFixture.load(name);
            SavedNetwork saved = KerasModelImporter.read(KerasFixture.file(name + ".keras"));
            try (Network net = saved.toNetwork(backend)) {
                assertClose(name + ".keras", f.output(), net.predict(f.engineInput(), f.batch()));
            }
        }
    }

    static void assertClose(String what, float[][] expected, float[] actual) {
        int per = expected[0].length;
        assertEquals(expected.length * per, actual.length, what + ": output size");
        for (int b = 0; b < expected.length; b++) {
            for (int j = 0; j < per; j++) {
                float e = expected[b][j];
                float a = actual[b * per + j];
                assertTrue(
                        Math.abs(a - e) <= 1e-5 * Math.max(1, Math.abs(e)),
                        what + ": sample " + b + " output " + j + " is " + a + ", Keras gives " + e);
            }
        }
    }
}
