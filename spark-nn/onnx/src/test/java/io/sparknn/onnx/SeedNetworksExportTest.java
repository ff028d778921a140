package io.sparknn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sparknn.backend.Backend;
import io.sparknn.data.LabeledSamples;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.Network;
import io.sparknn.testing.TestBackends;
import io.sparknn.train.LocalTrainer;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The five seed networks, each exactly as its job config defines it, trained for a few steps
 * with the local trainer, exported: ONNX Runtime's outputs equal the engine's within
 * {@link OnnxRuntimeRunner#RTOL} on both backends, and importing the export gives back
 * bit-identical weights, state and predictions.
 */
class SeedNetworksExportTest {
    private static final int STEPS = 3;
    private static final int BATCH = 16;

    @ParameterizedTest
    @ValueSource(strings = {"seed000-mlp", "seed001-binary", "seed002-lstm", "seed003-cnn", "seed004-cnn"})
    void trainedSeedNetworkExportsToOnnxAndImportsBackExactly(String name) throws Exception {
        SeedNetworks seed = SeedNetworks.load(name);
        SavedNetwork trained;
        try (Network net = Network.create(seed.spec(), TestBackends.mkl(), 0)) {
            float[] initial = net.params().clone();
            new LocalTrainer(seed.training()).fit(net, seed.data(0, STEPS * seed.batchSize()), null);
            assertFalse(Arrays.equals(initial, net.params()), name + ": training left the weights unchanged");
            trained = new SavedNetwork(
                    seed.spec(), net.params().clone(), net.state().clone(), null, null, null);
        }
        byte[] onnx = OnnxExporter.export(trained, OnnxExporter.Head.PREDICTION).toByteArray();
        // held-out samples, after the training ones
        LabeledSamples held = seed.data(STEPS * seed.batchSize(), BATCH);
        float[] x = new float[BATCH * held.featureSize()];
        held.copyFeatures(0, BATCH, x, 0);
        int width = seed.spec().outputShape().size();

        float[] runtime = OnnxRuntimeRunner.run(onnx, x, BATCH, held.featureSize());
        assertEquals(BATCH * width, runtime.length, name + ": ONNX Runtime output size");
        for (Backend backend : TestBackends.list()) {
            OnnxRuntimeRunner.assertClose(name + " on " + backend.name(), predict(trained, backend, x), runtime);
        }

        SavedNetwork imported = OnnxImporter.read(new ByteArrayInputStream(onnx), name + ".onnx");
        // The importer gives fused activations as layers of their own and the input as [features] plus a
        // Reshape: the same computation, so the weights and the predictions must be the same bits.
        assertEquals(seed.spec().outputShape(), imported.spec().outputShape(), name + ": imported output shape");
        assertArrayEquals(trained.weights(), imported.weights(), name + ": imported weights");
        assertArrayEquals(trained.state(), imported.state(), name + ": imported state");
        for (Backend backend : TestBackends.list()) {
            assertArrayEquals(
                    predict(trained, backend, x),
                    predict(imported, backend, x),
                    name + ": predictions after the round trip on " + backend.name());
        }
    }

    private static float[] predict(SavedNetwork net, Backend backend, float[] x) {
        try (Network n = net.toNetwork(backend)) {
            return Arrays.copyOf(
                    n.predict(x, BATCH), BATCH * net.spec().outputShape().size());
        }
    }
}
