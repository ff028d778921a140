package io.sparknn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.loss.BinaryCrossEntropy;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.testing.TestBackends;
import org.junit.jupiter.api.Test;

class NetworkSpecTest {

    static NetworkSpec seed000() {
        return NetworkSpec.builder(784)
                .dense(256, Activation.RELU)
                .dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .build();
    }

    @Test
    void seed000MlpCountsParametersAndFlops() {
        NetworkSpec spec = seed000();
        // 784*256+256 + 256*128+128 + 128*10+10
        assertEquals(235_146, spec.paramCount());
        // 2*(784*256 + 256*128 + 128*10) multiply-adds + biases 394 + relu 384 + softmax 4*10
        assertEquals(2L * (784 * 256 + 256 * 128 + 128 * 10) + 394 + 384 + 40, spec.flopsPerSample());
        assertEquals(io.sparknn.tensor.Shape.of(10), spec.outputShape());
        assertTrue(spec.summary().contains("235,146 parameters"), spec.summary());
    }

    @Test
    void paramRangesOfLayersFollowTheFlatParameterLayout() {
        NetworkSpec spec = NetworkSpec.builder(4)
                .dense(3, Activation.RELU)
                .dropout(0.5f)
                .dense(2, Activation.SOFTMAX)
                .build();
        // dense 4*3+3 = 15 values, dropout none, dense 3*2+2 = 8 values; pairs in the order asked
        assertArrayEquals(new int[] {15, 23, 0, 15, 15, 15}, spec.paramRangesOfLayers(2, 0, 1));
        assertEquals(0, spec.layerOfParam(14));
        assertEquals(2, spec.layerOfParam(15));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.paramRangesOfLayers(3));
        assertEquals("Layer 3 does not exist; the network has layers 0..2", e.getMessage());
    }

    @Test
    void jsonRoundTripIsTheSameValue() {
        NetworkSpec spec = NetworkSpec.builder(20)
                .dense(16, Activation.LEAKY_RELU)
                .dropout(0.25f)
                .add(new Dense(8, Activation.LINEAR, false, "he_uniform", "zeros"))
                .activation(Activation.TANH)
                .add(new ActivationSpec(Activation.LEAKY_RELU, 0.1f))
                .dense(1, Activation.SIGMOID)
                .build();
        String json = spec.toJson();
        NetworkSpec back = NetworkSpec.fromJson(json);
        assertEquals(spec, back);
        assertEquals(json, back.toJson());
        assertEquals(spec.hashCode(), back.hashCode());
    }

    @Test
    void jsonAcceptsKerasStyleShortForms() {
        NetworkSpec spec = NetworkSpec.fromJson("{\"inputShape\":[4],\"layers\":[{\"type\":\"Dense\",\"units\":3,"
                + "\"activation\":\"relu\"},{\"type\":\"Activation\",\"activation\":\"softmax\"}]}");
        assertEquals(
                NetworkSpec.builder(4)
                        .dense(3, Activation.RELU)
                        .activation(Activation.SOFTMAX)
                        .build(),
                spec);
    }

    @Test
    void jsonErrorsNameTheLayerAndKey() {
        String unknownKey =
                "{\"inputShape\":[4],\"layers\":[{\"type\":\"Dense\",\"units\":3},{\"type\":\"Dense\",\"unit\":2}]}";
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, () -> NetworkSpec.fromJson(unknownKey));
        assertTrue(e.getMessage().contains("Unknown key 'unit' in layer 1 (Dense)"), e.getMessage());
        assertTrue(e.getMessage().contains("units"), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.fromJson("{\"inputShape\":[4],\"layers\":[{\"type\":\"Conv9D\"}]}"));
        assertTrue(e.getMessage().contains("Layer 0 has unknown type 'Conv9D'"), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.fromJson("{\"inputShape\":[4],\"layers\":[{\"type\":\"Dense\",\"units\":\"ten\"}]}"));
        assertTrue(e.getMessage().contains("\"units\" must be an integer, got \"ten\""), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.fromJson(
                        "{\"inputShape\":[4],\"layers\":[{\"type\":\"Dense\",\"units\":3,\"activation\":\"swish\"}]}"));
        assertTrue(e.getMessage().contains("Layer 0 (Dense): Unknown activation 'swish'"), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class, () -> NetworkSpec.fromJson("{\"inputShape\":[0],\"layers\":[]}"));
        assertTrue(e.getMessage().contains("inputShape[0] must be a positive integer"), e.getMessage());

        e = assertThrows(InvalidNetworkException.class, () -> NetworkSpec.fromJson("{\"layers\": ["));
        assertTrue(e.getMessage().contains("does not parse"), e.getMessage());
    }

    @Test
    void shapeErrorsNameTheLayerAndShapes() {
        InvalidNetworkException e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(1, 28, 28).dense(10).build());
        assertTrue(
                e.getMessage().contains("Layer 0 (Dense 10) needs a flat input [n] but receives [1, 28, 28]"),
                e.getMessage());
        assertThrows(InvalidNetworkException.class, () -> NetworkSpec.builder(4).build());
        assertThrows(InvalidNetworkException.class, () -> new Dropout(1f));
        assertThrows(InvalidNetworkException.class, () -> new Dense(0));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        NetworkSpec spec = seed000();
        float[] a = Network.create(spec, TestBackends.java(), 11).params();
        float[] b = Network.create(spec, TestBackends.mkl(), 11).params();
        float[] c = Network.create(spec, TestBackends.java(), 12).params();
        assertArrayEquals(a, b);
        assertNotEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(c));
    }

    @Test
    void weightsOfAnotherNetworkAreRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Network.withParams(seed000(), TestBackends.java(), new float[100]));
        assertTrue(e.getMessage().contains("235146 parameters but the weight array has 100"), e.getMessage());
    }

    @Test
    void fusedLossNeedsTheMatchingFinalActivation() {
        Network net = Network.create(seed000(), TestBackends.java(), 1);
        InvalidNetworkException e = assertThrows(
                InvalidNetworkException.class,
                () -> net.forwardBackward(new float[784], 1, new float[] {1}, null, new BinaryCrossEntropy(), 1f, 0));
        assertTrue(
                e.getMessage().contains("needs a network that ends in sigmoid, but the last layer is softmax"),
                e.getMessage());
    }
}
