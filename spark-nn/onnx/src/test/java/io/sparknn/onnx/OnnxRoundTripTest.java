package io.sparknn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparknn.backend.Backend;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.ActivationSpec;
import io.sparknn.nn.AveragePooling2D;
import io.sparknn.nn.BatchNormalization;
import io.sparknn.nn.Conv2D;
import io.sparknn.nn.Dense;
import io.sparknn.nn.Dropout;
import io.sparknn.nn.Embedding;
import io.sparknn.nn.GRU;
import io.sparknn.nn.GlobalAveragePooling1D;
import io.sparknn.nn.GlobalMaxPooling2D;
import io.sparknn.nn.LSTM;
import io.sparknn.nn.MaxPooling2D;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.Reshape;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.Padding;
import io.sparknn.testing.TestBackends;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Export then import: the imported network computes exactly what the exported one does (same
 * runtime layers in the same order on the same backend, so bit-identical outputs), and ONNX
 * Runtime agrees with both.
 */
class OnnxRoundTripTest {
    private static final int BATCH = 4;

    @Test
    void everyLayerKindSurvivesExportAndImportExactly() throws Exception {
        List<NetworkSpec> specs = List.of(
                NetworkSpec.builder(2, 8, 7)
                        .add(Conv2D.builder(3, 2)
                                .strides(2, 1)
                                .padding(Padding.SAME)
                                .build())
                        .add(new BatchNormalization(0.9f, 1e-3f, true, true))
                        .add(new ActivationSpec(Activation.RELU))
                        .add(new MaxPooling2D(2, 2, 1, 1, Padding.explicit(1, 0, 0, 1)))
                        .add(new AveragePooling2D(2, 1, Padding.SAME))
                        .add(new AveragePooling2D(2, 2, 1, 1, Padding.explicit(1, 0, 1, 1), true))
                        .add(new GlobalMaxPooling2D())
                        .add(new Dropout(0.3f))
                        .add(new Dense(3, Activation.LEAKY_RELU))
                        .add(new Reshape(3, 1))
                        .add(new ActivationSpec(Activation.SOFTMAX))
                        .build(),
                NetworkSpec.builder(5, 3)
                        .add(new LSTM(4, true))
                        .add(new GRU(3, true))
                        .add(new GlobalAveragePooling1D())
                        .add(new Dense(2, Activation.TANH))
                        .build(),
                NetworkSpec.builder(6)
                        .add(new Embedding(9, 4))
                        .add(new LSTM(3))
                        .add(new BatchNormalization(0.99f, 1e-3f, false, false))
                        .add(new Dense(2, Activation.SIGMOID))
                        .build(),
                // a padding id: the exported sequence lengths come back as the Embedding's paddingIndex
                NetworkSpec.builder(6)
                        .add(new Embedding(9, 4, 0))
                        .add(new GRU(3, true))
                        .add(new LSTM(3))
                        .add(new Dense(2))
                        .build());
        Backend backend = TestBackends.java();
        for (NetworkSpec spec : specs) {
            SavedNetwork exported = OnnxExporterTest.randomNetwork(spec, 3);
            byte[] onnx =
                    OnnxExporter.export(exported, OnnxExporter.Head.PREDICTION).toByteArray();
            SavedNetwork imported = OnnxImporter.read(new ByteArrayInputStream(onnx), "round trip");
            assertEquals(paddingIndex(spec), paddingIndex(imported.spec()), spec.toJson());
            assertEquals(
                    spec.outputShape().size(), imported.spec().outputShape().size(), spec.toJson());
            float[] x = OnnxExporterTest.inputs(spec, BATCH, 11);
            float[] before;
            float[] after;
            try (Network a = exported.toNetwork(backend);
                    Network b = imported.toNetwork(backend)) {
                before = a.predict(x, BATCH).clone();
                after = b.predict(x, BATCH).clone();
            }
            int n = BATCH * spec.outputShape().size();
            assertArrayEquals(java.util.Arrays.copyOf(before, n), java.util.Arrays.copyOf(after, n), spec.toJson());
            OnnxRuntimeRunner.assertClose(
                    "ONNX Runtime " + spec.toJson(),
                    java.util.Arrays.copyOf(before, n),
                    OnnxRuntimeRunner.run(onnx, x, BATCH, spec.inputShape().size()));
        }
    }

    private static int paddingIndex(NetworkSpec spec) {
        return spec.layers().get(0) instanceof Embedding e ? e.paddingIndex() : -1;
    }
}
