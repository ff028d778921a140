package io.sparknn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.BatchNormalization;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testing.TestBackends;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network state (BatchNormalization running statistics) in the model file's "state" buffer. */
class SavedNetworkStateTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(1, 4, 4)
            .conv2d(2, 3, Activation.LINEAR)
            .add(new BatchNormalization())
            .flatten()
            .dense(3, Activation.SOFTMAX)
            .build();

    private static Network trained() {
        Network net = Network.create(SPEC, TestBackends.java(), 5);
        SplittableRandom rng = new SplittableRandom(1);
        float[] x = new float[6 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-1, 3);
        }
        for (int s = 0; s < 3; s++) {
            net.forwardBackward(x, 6, new float[] {0, 1, 2, 0, 1, 2}, null, new SoftmaxCrossEntropy(), 1f / 6, s);
        }
        return net;
    }

    @Test
    void stateRoundTripsBitExactlyAndPredictionsMatch(@TempDir Path dir) throws Exception {
        Network net = trained();
        assertEquals(4, net.state().length);
        assertFalse(
                java.util.Arrays.equals(new float[] {0, 0, 1, 1}, net.state()), "training must have moved the state");
        Path file = dir.resolve("bn.spnn");
        SavedNetwork.of(net).write(file);

        ModelFileContents c = ModelFile.read(file);
        assertEquals(java.util.Set.of(SavedNetwork.STATE_BUFFER), c.bufferNames());
        SavedNetwork loaded = SavedNetwork.read(file);
        assertArrayEquals(net.state(), loaded.state());
        float[] x = new float[2 * 16];
        java.util.Arrays.fill(x, 0.7f);
        assertArrayEquals(
                net.predict(x, 2).clone(), loaded.toNetwork(TestBackends.java()).predict(x, 2));
    }

    @Test
    void networksWithoutStateWriteNoStateBuffer() {
        NetworkSpec mlp = NetworkSpec.builder(4).dense(2, Activation.SOFTMAX).build();
        ModelFileContents c =
                SavedNetwork.of(Network.create(mlp, TestBackends.java(), 1)).toContents();
        assertTrue(c.bufferNames().isEmpty(), c.bufferNames().toString());
    }

    @Test
    void missingStateBufferIsAFormatError() {
        Network net = trained();
        ModelFileContents c =
                ModelFileContents.builder(SPEC.toJson(), net.params()).build();
        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> SavedNetwork.fromContents(c, "bn.spnn"));
        assertTrue(
                e.getMessage()
                        .contains("bn.spnn: the network spec needs 4 state values (BatchNormalization running "
                                + "statistics) but the model file has no 'state' buffer"),
                e.getMessage());
    }

    @Test
    void misSizedStateBufferIsAFormatError() {
        Network net = trained();
        ModelFileContents c = ModelFileContents.builder(SPEC.toJson(), net.params())
                .buffer("state", new float[5])
                .build();
        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> SavedNetwork.fromContents(c, "bn.spnn"));
        assertTrue(
                e.getMessage()
                        .contains("bn.spnn: the model file's 'state' buffer has 5 values but its network spec "
                                + "needs 4. The file is corrupted."),
                e.getMessage());
    }

    @Test
    void aNetworkWithStateNeedsItsState() {
        Network net = trained();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new SavedNetwork(SPEC, net.params(), null, null, null));
        assertTrue(
                e.getMessage().contains("4 state values (BatchNormalization running statistics) but no state"),
                e.getMessage());
    }
}
