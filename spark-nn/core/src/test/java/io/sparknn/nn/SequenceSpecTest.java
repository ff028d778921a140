package io.sparknn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Shapes, parameter counts, FLOPs, JSON form and configuration errors of the sequence layers. */
class SequenceSpecTest {

    static NetworkSpec seed002() {
        return NetworkSpec.builder(100)
                .add(new Embedding(10_000, 64))
                .add(new LSTM(64))
                .dense(2, Activation.SOFTMAX)
                .build();
    }

    @Test
    void seed002CountsParametersLikeKeras() {
        NetworkSpec spec = seed002();
        assertEquals(Shape.of(100, 64), spec.outputShape(0));
        assertEquals(Shape.of(64), spec.outputShape(1));
        // Keras: Embedding 640,000 + LSTM 33,024 + Dense 130
        assertEquals(640_000 + 33_024 + 130, spec.paramCount());
        long lstmPerStep = 8L * 64 * (64 + 64) + 28 * 64;
        assertEquals(100 * lstmPerStep + 2 * 64 * 2 + 2 + 4 * 2, spec.flopsPerSample());
        assertTrue(spec.summary().contains("673,154 parameters"), spec.summary());
    }

    @Test
    void recurrentShapesAndCounts() {
        Shape in = Shape.of(7, 64);
        assertEquals(24_960, new GRU(64).paramCount(in), "Keras GRU(64), reset_after=True");
        assertEquals(Shape.of(7, 5), new GRU(5, true).outputShape(in, 0));
        assertEquals(Shape.of(5), new LSTM(5).outputShape(in, 0));
        assertEquals(Shape.of(64), new GlobalAveragePooling1D().outputShape(in, 0));
        assertEquals(0, new GlobalAveragePooling1D().paramCount(in));
        assertEquals(7L * (6 * 5 * (64 + 5) + 23 * 5), new GRU(5).flopsPerSample(in));
    }

    @Test
    void jsonRoundTripIsTheSameValue() {
        NetworkSpec spec = NetworkSpec.builder(12)
                .add(new Embedding(50, 8, 0, "glorot_normal"))
                .add(new LSTM(6, true, "he_uniform", "glorot_uniform", "zeros", false))
                .add(new GRU(5, true, "glorot_uniform", "orthogonal", "he_normal"))
                .add(new GlobalAveragePooling1D())
                .dense(3, Activation.SOFTMAX)
                .build();
        String json = spec.toJson();
        NetworkSpec back = NetworkSpec.fromJson(json);
        assertEquals(spec, back);
        assertEquals(json, back.toJson());
    }

    @Test
    void jsonDefaultsAreKerasDefaults() {
        NetworkSpec spec = NetworkSpec.fromJson("{\"inputShape\":[100],\"layers\":["
                + "{\"type\":\"Embedding\",\"inputDim\":10000,\"outputDim\":64},"
                + "{\"type\":\"LSTM\",\"units\":64},"
                + "{\"type\":\"Dense\",\"units\":2,\"activation\":\"softmax\"}]}");
        assertEquals(seed002(), spec);
        LSTM lstm = (LSTM) spec.layers().get(1);
        assertEquals("orthogonal", lstm.recurrentInitializer());
        assertTrue(lstm.unitForgetBias());
        assertEquals(-1, ((Embedding) spec.layers().get(0)).paddingIndex());
        assertEquals(
                new GRU(4),
                NetworkSpec.fromJson("{\"inputShape\":[3,2],\"layers\":[{\"type\":\"GRU\",\"units\":4}]}")
                        .layers()
                        .get(0));
    }

    @Test
    void jsonErrorsNameTheLayerAndKey() {
        InvalidNetworkException e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.fromJson(
                        "{\"inputShape\":[5],\"layers\":[{\"type\":\"Embedding\",\"inputDim\":9,\"outputDim\":2},"
                                + "{\"type\":\"LSTM\",\"units\":3,\"return_sequences\":true}]}"));
        assertTrue(e.getMessage().contains("Unknown key 'return_sequences' in layer 1 (LSTM)"), e.getMessage());
        assertTrue(e.getMessage().contains("returnSequences"), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.fromJson(
                        "{\"inputShape\":[5],\"layers\":[{\"type\":\"Embedding\",\"inputDim\":9,\"outputDim\":2,\"paddingIndex\":9}]}"));
        assertTrue(
                e.getMessage()
                        .contains(
                                "Layer 0 (Embedding): Embedding paddingIndex must be -1 (none) or an id in [0, 9), got 9"),
                e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.fromJson(
                        "{\"inputShape\":[5,2],\"layers\":[{\"type\":\"GRU\",\"units\":3,\"recurrentInitializer\":\"identity\"}]}"));
        assertTrue(e.getMessage().contains("Layer 0 (GRU): Unknown initializer 'identity'"), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.fromJson(
                        "{\"inputShape\":[5,2],\"layers\":[{\"type\":\"GlobalAveragePooling1D\",\"units\":3}]}"));
        assertTrue(e.getMessage().contains("Unknown key 'units' in layer 0 (GlobalAveragePooling1D)"), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.fromJson(
                        "{\"inputShape\":[5,2],\"layers\":[{\"type\":\"LSTM\",\"units\":3,\"returnSequences\":\"yes\"}]}"));
        assertTrue(e.getMessage().contains("\"returnSequences\" must be true or false, got \"yes\""), e.getMessage());
    }

    @Test
    void shapeErrorsNameTheLayerTheShapesAndTheFix() {
        InvalidNetworkException e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(20).dense(8).add(new LSTM(4)).build());
        assertTrue(
                e.getMessage().contains("Layer 1 (LSTM 4) needs sequences of shape [time, features] but receives [8]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Put an Embedding before it"), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(4, 3).add(new Embedding(10, 2)).build());
        assertTrue(
                e.getMessage()
                        .contains("Layer 0 (Embedding 10 -> 2) needs token ids of shape [time] but receives [4, 3]"),
                e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(6)
                        .add(new Embedding(10, 2))
                        .add(new GRU(4, true))
                        .dense(2)
                        .build());
        assertTrue(
                e.getMessage().contains("Layer 2 (Dense 2) needs a flat input [n] but receives [6, 4]"),
                e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(6).add(new GlobalAveragePooling1D()).build());
        assertTrue(e.getMessage().contains("Layer 0 (GlobalAveragePooling1D) needs sequences"), e.getMessage());

        assertThrows(InvalidNetworkException.class, () -> new LSTM(0));
        assertThrows(InvalidNetworkException.class, () -> new GRU(-1));
    }
}
