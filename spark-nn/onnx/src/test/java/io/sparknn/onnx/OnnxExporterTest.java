package io.sparknn.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.sparknn.backend.Backend;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.ActivationSpec;
import io.sparknn.nn.AveragePooling2D;
import io.sparknn.nn.BatchNormalization;
import io.sparknn.nn.Conv2D;
import io.sparknn.nn.Dense;
import io.sparknn.nn.Dropout;
import io.sparknn.nn.Embedding;
import io.sparknn.nn.Flatten;
import io.sparknn.nn.GRU;
import io.sparknn.nn.GlobalAveragePooling1D;
import io.sparknn.nn.GlobalAveragePooling2D;
import io.sparknn.nn.GlobalMaxPooling2D;
import io.sparknn.nn.LSTM;
import io.sparknn.nn.LayerSpec;
import io.sparknn.nn.MaxPooling2D;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.Reshape;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.Padding;
import io.sparknn.testing.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every layer kind, exported with random weights and BatchNormalization statistics: ONNX
 * Runtime's output equals the engine's forward pass on both backends, within
 * {@link OnnxRuntimeRunner#RTOL}.
 */
class OnnxExporterTest {
    private static final int BATCH = 5;

    @Test
    void denseDropoutSoftmaxClassifier() throws Exception {
        check(
                NetworkSpec.builder(12)
                        .add(new Dense(7, Activation.RELU))
                        .add(new Dropout(0.5f))
                        .add(new Dense(4, Activation.SOFTMAX))
                        .build(),
                OnnxExporter.Head.PROBABILITY);
    }

    @Test
    void convolutionsWithSamePaddingOnOddAndEvenSizes() throws Exception {
        check(
                NetworkSpec.builder(2, 8, 7)
                        .add(Conv2D.builder(3, 3)
                                .strides(2)
                                .padding(Padding.SAME)
                                .activation(Activation.RELU)
                                .build())
                        .add(new BatchNormalization(0.9f, 1e-3f, true, true))
                        .add(Conv2D.builder(4, 2)
                                .kernelSize(2, 3)
                                .padding(Padding.SAME)
                                .activation(Activation.LEAKY_RELU)
                                .build())
                        .add(new MaxPooling2D(3, 2, Padding.SAME))
                        .add(new AveragePooling2D(2, 1, Padding.SAME))
                        .add(new Conv2D(5, 2, Activation.TANH))
                        .add(new GlobalAveragePooling2D())
                        .add(new Dense(3, Activation.SOFTMAX))
                        .build(),
                OnnxExporter.Head.PROBABILITY);
    }

    @Test
    void explicitAsymmetricPaddingAndGlobalMaxPooling() throws Exception {
        check(
                NetworkSpec.builder(2, 6, 7)
                        .add(Conv2D.builder(3, 3)
                                .strides(2)
                                .padding(Padding.explicit(1, 0, 2, 1))
                                .activation(Activation.SIGMOID)
                                .build())
                        .add(new MaxPooling2D(2, 2, 1, 1, Padding.explicit(1, 1, 0, 1)))
                        .add(new AveragePooling2D(3, 3, 2, 2, Padding.explicit(1)))
                        .add(new AveragePooling2D(2, 2, 1, 1, Padding.explicit(1, 0, 0, 1), true))
                        .add(new GlobalMaxPooling2D())
                        .add(new Dense(2, Activation.SOFTMAX))
                        .build(),
                OnnxExporter.Head.PROBABILITY);
    }

    @Test
    void validPoolingFlattenAndBatchNormWithoutScaleOrCenter() throws Exception {
        check(
                NetworkSpec.builder(1, 9, 9)
                        .add(Conv2D.builder(2, 3).useBias(false).build())
                        .add(new BatchNormalization(0.99f, 1e-2f, false, false))
                        .add(new MaxPooling2D(2))
                        .add(new AveragePooling2D(2, 1, Padding.VALID))
                        .add(new Flatten())
                        .add(new Dense(2))
                        .build(),
                OnnxExporter.Head.PREDICTION);
    }

    @Test
    void activationLayersReshapeAndSoftmaxOverAWholeSample() throws Exception {
        check(
                NetworkSpec.builder(6)
                        .add(new Dense(6, Activation.LINEAR, false, null, null))
                        .add(new ActivationSpec(Activation.LEAKY_RELU, 0.2f))
                        .add(new BatchNormalization())
                        .add(new ActivationSpec(Activation.SIGMOID))
                        .add(new ActivationSpec(Activation.TANH))
                        .add(new ActivationSpec(Activation.RELU))
                        .add(new Reshape(2, -1))
                        .add(new ActivationSpec(Activation.SOFTMAX))
                        .build(),
                OnnxExporter.Head.PREDICTION);
    }

    @Test
    void stackedLstmAndGruOnFeatureSequences() throws Exception {
        check(
                NetworkSpec.builder(5, 3)
                        .add(new LSTM(4, true))
                        .add(new BatchNormalization())
                        .add(new GRU(3, true))
                        .add(new LSTM(2))
                        .add(new Dense(2, Activation.SOFTMAX))
                        .build(),
                OnnxExporter.Head.PROBABILITY);
    }

    @Test
    void embeddingWithPaddingGivesSequenceLengthsToLstmAndMeanPooling() throws Exception {
        check(
                NetworkSpec.builder(6)
                        .add(new Embedding(11, 4, 0))
                        .add(new LSTM(3, true))
                        .add(new GlobalAveragePooling1D())
                        .add(new Dense(1, Activation.SIGMOID))
                        .build(),
                OnnxExporter.Head.PROBABILITY);
    }

    @Test
    void lastStepOfPaddedSequencesIsTheLastValidStep() throws Exception {
        check(
                NetworkSpec.builder(6)
                        .add(new Embedding(11, 4, 2))
                        .add(new GRU(3, true))
                        .add(new LSTM(3))
                        .add(new Dense(2))
                        .build(),
                OnnxExporter.Head.PREDICTION);
    }

    @Test
    void embeddingWithoutPaddingIntoGru() throws Exception {
        check(
                NetworkSpec.builder(6)
                        .add(new Embedding(11, 4))
                        .add(new GRU(3))
                        .add(new Dense(2))
                        .build(),
                OnnxExporter.Head.PREDICTION);
    }

    @Test
    void embeddingWithPaddingIntoGruAndMeanPooling() throws Exception {
        check(
                NetworkSpec.builder(6)
                        .add(new Embedding(11, 4, 3))
                        .add(new GRU(3, true))
                        .add(new GlobalAveragePooling1D())
                        .add(new Dense(2))
                        .build(),
                OnnxExporter.Head.PREDICTION);
    }

    @Test
    void writesTheModelFileWithItsDocumentedInputAndOutput(@TempDir Path dir) throws Exception {
        SavedNetwork net =
                randomNetwork(NetworkSpec.builder(4).add(new Dense(3)).build(), 1);
        Path file = dir.resolve("model.onnx");
        OnnxExporter.write(net, OnnxExporter.Head.PREDICTION, file);
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals("features", model.getGraph().getInput(0).getName());
        assertEquals("prediction", model.getGraph().getOutput(0).getName());
        assertEquals(OnnxExporter.OPSET, model.getOpsetImport(0).getVersion());
        assertEquals(1, Files.list(dir).count(), "no temporary file left beside the model");
    }

    /** Exports a random instance of {@code spec} and compares ONNX Runtime with the engine on both backends. */
    static void check(NetworkSpec spec, OnnxExporter.Head head) throws Exception {
        SavedNetwork net = randomNetwork(spec, 42);
        float[] x = inputs(spec, BATCH, 7);
        float[] onnx = OnnxRuntimeRunner.run(
                OnnxExporter.export(net, head).toByteArray(),
                x,
                BATCH,
                spec.inputShape().size());
        for (Backend backend : TestBackends.list()) {
            float[] engine;
            try (Network n = net.toNetwork(backend)) {
                engine = n.predict(x, BATCH);
            }
            OnnxRuntimeRunner.assertClose(
                    backend.name() + " " + spec.toJson(),
                    headOf(engine, head, spec.outputShape().size()),
                    onnx);
        }
    }

    /** What the Spark model reports: a one-unit classifier's probability is (1 - p, p). */
    private static float[] headOf(float[] out, OnnxExporter.Head head, int width) {
        if (head != OnnxExporter.Head.PROBABILITY || width != 1) {
            return java.util.Arrays.copyOf(out, BATCH * width);
        }
        float[] pq = new float[2 * BATCH];
        for (int b = 0; b < BATCH; b++) {
            pq[2 * b] = 1f - out[b];
            pq[2 * b + 1] = out[b];
        }
        return pq;
    }

    /** Weights uniform in [-0.5, 0.5] (biases too), running means in [-0.5, 0.5], variances in [0.5, 1.5]. */
    static SavedNetwork randomNetwork(NetworkSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = new float[(int) spec.paramCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextDouble(-0.5, 0.5);
        }
        float[] state = new float[(int) spec.stateSize()];
        int pos = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            int c = (int) l.stateSize(spec.inputShape(i)) / 2;
            for (int k = 0; k < c; k++) {
                state[pos + k] = (float) rng.nextDouble(-0.5, 0.5);
                state[pos + c + k] = (float) rng.nextDouble(0.5, 1.5);
            }
            pos += 2 * c;
        }
        return new SavedNetwork(spec, w, state, null, null, null);
    }

    /** Features in [-1, 1]; for an Embedding, token ids with rows right-padded by its padding id (one entirely). */
    static float[] inputs(NetworkSpec spec, int batch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int width = spec.inputShape().size();
        float[] x = new float[batch * width];
        if (spec.layers().get(0) instanceof Embedding e) {
            for (int b = 0; b < batch; b++) {
                // full, one and two padding steps at the end; the last row all padding (length 0)
                int len = b == batch - 1 ? 0 : width - b % 3;
                for (int t = 0; t < width; t++) {
                    int id = rng.nextInt(e.inputDim());
                    x[b * width + t] = t < len || e.paddingIndex() < 0 ? id : e.paddingIndex();
                }
            }
            return x;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
        }
        return x;
    }
}
