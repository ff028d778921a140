package io.sparknn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.optim.OptimizerState;
import io.sparknn.testing.TestBackends;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedNetworkTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(12)
            .dense(8, Activation.RELU)
            .dropout(0.1f)
            .dense(3, Activation.SOFTMAX)
            .build();
    private final SplittableRandom rng = new SplittableRandom(3);
    private final float[] x = randoms(16 * 12);
    private final float[] y = labels(16);

    @Test
    void saveAndLoadIsBitExactAndResumesTrainingExactly(@TempDir Path dir) throws Exception {
        Network net = Network.create(SPEC, TestBackends.mkl(), 1);
        Adam adam = new Adam();
        OptimizerState state = adam.newState(net.paramCount());
        steps(net, adam, state, 0, 5);
        Path file = dir.resolve("model.spnn");
        new SavedNetwork(
                        SPEC,
                        net.params(),
                        adam,
                        state,
                        TrainingState.builder().epoch(1).globalStep(5).seed(1).build())
                .write(file);

        // Continue the original for 5 more steps; resume a loaded copy for the same 5 steps.
        SavedNetwork loaded = SavedNetwork.read(file);
        assertEquals(SPEC, loaded.spec());
        assertArrayEquals(net.params(), loaded.weights());
        assertEquals(5, loaded.optimizerState().step());
        assertEquals(5, loaded.trainingState().globalStep());
        float[] before = net.predict(x, 16).clone();
        Network restored = loaded.toNetwork(TestBackends.mkl());
        assertArrayEquals(before, restored.predict(x, 16), "predictions after load must be bit-identical");

        steps(net, adam, state, 5, 5);
        steps(restored, loaded.optimizer(), loaded.optimizerState(), 5, 5);
        assertArrayEquals(net.params(), restored.params(), "resumed training must equal uninterrupted training");
    }

    @Test
    void inferenceOnlyModelHasNoOptimizerState() throws Exception {
        Network net = Network.create(SPEC, TestBackends.java(), 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SavedNetwork.of(net).write(out);
        SavedNetwork back = SavedNetwork.read(new ByteArrayInputStream(out.toByteArray()), "memory");
        assertNull(back.optimizer());
        assertNull(back.optimizerState());
        assertArrayEquals(net.params(), back.weights());
    }

    @Test
    void aModelWithANanWeightIsNotSaved(@TempDir Path dir) {
        Network net = Network.create(SPEC, TestBackends.java(), 2);
        float[] weights = net.params().clone();
        weights[12 * 8 + 8 + 4] = Float.NaN; // the fifth weight of the second Dense layer
        SavedNetwork bad = new SavedNetwork(SPEC, weights, null, null, null);
        Path file = dir.resolve("model.spnn");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bad.write(file));
        assertTrue(
                e.getMessage()
                        .startsWith("Refusing to save a model that is not finite: weight 108 (in layer 2 "
                                + "(Dense(3, softmax))) is NaN. It would predict NaN for every row."),
                e.getMessage());
        assertTrue(e.getMessage().contains("lower learning rate"), e.getMessage());
        assertTrue(!java.nio.file.Files.exists(file), "nothing may be written");
        assertThrows(IllegalStateException.class, () -> bad.write(new ByteArrayOutputStream()));
    }

    @Test
    void weightCountMustMatchTheSpec() throws Exception {
        ModelFileContents c =
                ModelFileContents.builder(SPEC.toJson(), new float[7]).build();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SavedNetwork.fromContents(c, "m.spnn"));
        assertTrue(
                e.getMessage()
                        .contains(
                                "m.spnn: the model file has 7 weights but its network spec needs " + SPEC.paramCount()),
                e.getMessage());
    }

    @Test
    void invalidSpecIsAFormatError() {
        ModelFileContents c = ModelFileContents.builder(
                        "{\"inputShape\":[2],\"layers\":[{\"type\":\"Nope\"}]}", new float[0])
                .build();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SavedNetwork.fromContents(c, "m.spnn"));
        assertTrue(
                e.getMessage().contains("network spec in the model file is not valid: Layer 0 has unknown type 'Nope'"),
                e.getMessage());
    }

    @Test
    void optimizerSlotCountMustMatchTheOptimizer() {
        int n = (int) SPEC.paramCount();
        ModelFileContents c = ModelFileContents.builder(SPEC.toJson(), new float[n])
                .optimizerState(SavedOptimizerState.of(new Adam().toJson(), 3, new float[n]))
                .build();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SavedNetwork.fromContents(c, "m.spnn"));
        assertTrue(e.getMessage().contains("adam optimizer state has 1 slots but adam keeps 2"), e.getMessage());
    }

    private void steps(Network net, io.sparknn.optim.Optimizer adam, OptimizerState state, int from, int count) {
        for (int s = from; s < from + count; s++) {
            net.forwardBackward(x, 16, y, null, new SoftmaxCrossEntropy(), 1f / 16, s);
            adam.step(net.params(), net.grads(), 0, net.paramCount(), state, 0.01f, 1f);
        }
    }

    private float[] randoms(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble(-1, 1);
        }
        return v;
    }

    private float[] labels(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(3);
        }
        return v;
    }
}
