package io.sparknn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Specs of the seed CNNs and the image layers: shapes, counts, JSON form and error messages. */
class ImageNetworkSpecTest {

    /** Seed 003: Conv2D 32 3x3 relu, MaxPooling2D 2, Flatten, Dense 10 softmax. */
    static NetworkSpec seed003() {
        return NetworkSpec.builder(1, 28, 28)
                .conv2d(32, 3, Activation.RELU)
                .maxPooling2d(2)
                .flatten()
                .dense(10, Activation.SOFTMAX)
                .build();
    }

    /** Seed 004: three 3x3 convolutions (32, 64, 64) with two max-poolings, then Dense 64 relu, Dense 10 softmax. */
    static NetworkSpec seed004() {
        return NetworkSpec.builder(1, 28, 28)
                .conv2d(32, 3, Activation.RELU)
                .maxPooling2d(2)
                .conv2d(64, 3, Activation.RELU)
                .maxPooling2d(2)
                .conv2d(64, 3, Activation.RELU)
                .flatten()
                .dense(64, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .build();
    }

    @Test
    void seed003ShapesAndCounts() {
        NetworkSpec spec = seed003();
        assertEquals(Shape.of(32, 26, 26), spec.outputShape(0));
        assertEquals(Shape.of(32, 13, 13), spec.outputShape(1));
        assertEquals(Shape.of(5408), spec.outputShape(2));
        // conv 32*1*3*3 + 32; dense 5408*10 + 10
        assertEquals(320 + 54_090, spec.paramCount());
        // conv MACs, conv bias, relu, pooling comparisons, dense MACs, dense bias, softmax
        long conv = 2L * 26 * 26 * 32 * 9 + 26 * 26 * 32 + 26 * 26 * 32;
        assertEquals(conv + 32 * 13 * 13 * 4 + 2L * 5408 * 10 + 10 + 40, spec.flopsPerSample());
        assertEquals(0, spec.stateSize());
    }

    @Test
    void seed004ParameterCountByHand() {
        NetworkSpec spec = seed004();
        assertEquals(Shape.of(64, 11, 11), spec.outputShape(2));
        assertEquals(Shape.of(64, 5, 5), spec.outputShape(3));
        assertEquals(Shape.of(64, 3, 3), spec.outputShape(4));
        assertEquals(Shape.of(576), spec.outputShape(5));
        long conv1 = 32 * 1 * 9 + 32; //    320
        long conv2 = 64 * 32 * 9 + 64; // 18,496
        long conv3 = 64 * 64 * 9 + 64; // 36,928
        long dense1 = 576 * 64 + 64; // 36,928
        long dense2 = 64 * 10 + 10; //    650
        assertEquals(93_322, conv1 + conv2 + conv3 + dense1 + dense2);
        assertEquals(93_322, spec.paramCount());
        assertTrue(spec.summary().contains("93,322 parameters"), spec.summary());
        assertTrue(spec.summary().contains("Conv2D 64 3x3 relu"), spec.summary());
    }

    @Test
    void seedCnnJsonRoundTrips() {
        for (NetworkSpec spec : new NetworkSpec[] {seed003(), seed004()}) {
            String json = spec.toJson();
            NetworkSpec back = NetworkSpec.fromJson(json);
            assertEquals(spec, back);
            assertEquals(json, back.toJson());
        }
    }

    @Test
    void everyImageLayerRoundTripsThroughJson() {
        NetworkSpec spec = NetworkSpec.builder(784)
                .add(new Reshape(1, 28, -1))
                .add(Conv2D.builder(4, 5)
                        .kernelSize(5, 3)
                        .strides(2, 1)
                        .padding(Padding.SAME)
                        .useBias(false)
                        .activation(Activation.LEAKY_RELU)
                        .kernelInitializer("he_uniform")
                        .build())
                .add(new BatchNormalization(0.9f, 1e-5f, false, true))
                .add(new MaxPooling2D(3, 2, Padding.SAME))
                .add(new AveragePooling2D(2, 1, 2, 1, Padding.VALID))
                .add(new GlobalAveragePooling2D())
                .add(new BatchNormalization())
                .dense(2)
                .build();
        NetworkSpec back = NetworkSpec.fromJson(spec.toJson());
        assertEquals(spec, back);
        assertEquals(spec.toJson(), back.toJson());
        assertEquals(Shape.of(4, 14, 28), spec.outputShape(1));
        assertEquals(Shape.of(4, 7, 14), spec.outputShape(3));
        assertEquals(Shape.of(4, 3, 14), spec.outputShape(4));
        // conv 4*1*5*3 (no bias), gamma only, gamma and beta, Dense 4*2 + 2
        assertEquals(60 + 4 + 8 + 10, spec.paramCount());
        assertEquals(2 * (4 + 4), spec.stateSize(), "running mean and variance of both BatchNormalizations");
    }

    @Test
    void explicitPadsAndGlobalMaxPoolingRoundTripThroughJson() {
        String json = "{\"inputShape\":[2,6,6],\"layers\":["
                + "{\"type\":\"Conv2D\",\"filters\":3,\"kernelSize\":3,\"strides\":2,\"padding\":[1,1,1,1]},"
                + "{\"type\":\"MaxPooling2D\",\"poolSize\":2,\"strides\":1,\"padding\":[0,1,0,1]},"
                + "{\"type\":\"AveragePooling2D\",\"poolSize\":[3,2],\"strides\":1,\"padding\":[1,1,0,1],"
                + "\"countPadding\":true},"
                + "{\"type\":\"Conv2D\",\"filters\":2,\"kernelSize\":1,\"padding\":[0,0,0,0]},"
                + "{\"type\":\"GlobalMaxPooling2D\"}]}";
        NetworkSpec spec = NetworkSpec.fromJson(json);
        assertEquals(
                Conv2D.builder(3, 3).strides(2).padding(Padding.explicit(1)).build(),
                spec.layers().get(0));
        assertEquals(
                new MaxPooling2D(2, 2, 1, 1, Padding.explicit(0, 1, 0, 1)),
                spec.layers().get(1));
        assertEquals(Padding.VALID, ((Conv2D) spec.layers().get(3)).padding(), "all-zero pads are valid");
        assertTrue(((AveragePooling2D) spec.layers().get(2)).countPadding());
        String plain = NetworkSpec.builder(1, 4, 4)
                .add(new AveragePooling2D(2))
                .build()
                .toJson();
        assertTrue(!plain.contains("countPadding"), "absent when false, as in networks saved before it: " + plain);
        assertEquals(Shape.of(3, 3, 3), spec.outputShape(0));
        assertEquals(Shape.of(3, 3, 3), spec.outputShape(1));
        assertEquals(Shape.of(3, 3, 3), spec.outputShape(2));
        assertEquals(Shape.of(2), spec.outputShape(4));
        NetworkSpec back = NetworkSpec.fromJson(spec.toJson());
        assertEquals(spec, back);
        assertTrue(spec.toJson().contains("\"padding\":[1,1,1,1]"), spec.toJson());
        assertTrue(spec.toJson().contains("\"padding\":\"valid\""), spec.toJson());
    }

    @Test
    void kerasStyleShortForms() {
        NetworkSpec spec = NetworkSpec.fromJson("{\"inputShape\":[1,28,28],\"layers\":["
                + "{\"type\":\"Conv2D\",\"filters\":32,\"kernelSize\":3,\"activation\":\"relu\",\"dilationRate\":1},"
                + "{\"type\":\"MaxPooling2D\",\"poolSize\":2},{\"type\":\"Flatten\"},"
                + "{\"type\":\"Dense\",\"units\":10,\"activation\":\"softmax\"}]}");
        assertEquals(seed003(), spec);
        MaxPooling2D pool = (MaxPooling2D) NetworkSpec.fromJson("{\"inputShape\":[1,8,8],\"layers\":["
                        + "{\"type\":\"MaxPooling2D\",\"poolSize\":[3,2],\"padding\":\"same\"}]}")
                .layers()
                .get(0);
        assertEquals(new MaxPooling2D(3, 2, 3, 2, Padding.SAME), pool, "strides default to the pool size");
    }

    @Test
    void jsonErrorsNameTheLayerAndKey() {
        assertMessage(
                "{\"inputShape\":[1,8,8],\"layers\":[{\"type\":\"Flatten\"},{\"type\":\"Dense\",\"units\":2},"
                        + "{\"type\":\"Conv2D\",\"filters\":2,\"kernelSize\":3,\"dilationRate\":[2,2]}]}",
                "Layer 2 (Conv2D): \"dilationRate\" must be 1 (dilated convolutions are not supported; remove the key "
                        + "or set it to 1), got [2,2]");
        assertMessage(
                "{\"inputShape\":[1,8,8],\"layers\":[{\"type\":\"Conv2D\",\"filters\":2,\"kernel\":3}]}",
                "Unknown key 'kernel' in layer 0 (Conv2D)");
        assertMessage(
                "{\"inputShape\":[1,8,8],\"layers\":[{\"type\":\"Conv2D\",\"filters\":2}]}",
                "Layer 0 (Conv2D): \"kernelSize\" must be an integer or [height, width], got null");
        assertMessage(
                "{\"inputShape\":[1,8,8],\"layers\":[{\"type\":\"Conv2D\",\"filters\":2,\"kernelSize\":[3,3,3]}]}",
                "\"kernelSize\" must be an integer or [height, width], got [3,3,3]");
        assertMessage(
                "{\"inputShape\":[1,8,8],\"layers\":[{\"type\":\"MaxPooling2D\",\"padding\":\"full\"}]}",
                "Layer 0 (MaxPooling2D): Unknown padding 'full'. Use 'valid', 'same' or explicit pads "
                        + "[top, bottom, left, right].");
        assertMessage(
                "{\"inputShape\":[1,8,8],\"layers\":[{\"type\":\"Conv2D\",\"filters\":2,\"kernelSize\":3,"
                        + "\"padding\":[1,1,-1,0]}]}",
                "Layer 0 (Conv2D): \"padding\" must be \"valid\", \"same\" or [top, bottom, left, right] of "
                        + "non-negative integers, got [1,1,-1,0]");
        assertMessage(
                "{\"inputShape\":[1,8,8],\"layers\":[{\"type\":\"MaxPooling2D\",\"poolSize\":2,"
                        + "\"padding\":[2,0,0,0]}]}",
                "Layer 0 (MaxPooling2D): MaxPooling2D padding pads [2, 0, 0, 0] must be smaller than the window 2x2 "
                        + "on every side, so that no window covers only padding.");
        assertMessage(
                "{\"inputShape\":[4],\"layers\":[{\"type\":\"BatchNormalization\",\"axis\":-1}]}",
                "Unknown key 'axis' in layer 0 (BatchNormalization)");
        assertMessage(
                "{\"inputShape\":[4],\"layers\":[{\"type\":\"BatchNormalization\",\"momentum\":1.5}]}",
                "Layer 0 (BatchNormalization): BatchNormalization momentum must be in [0, 1), got 1.5");
        assertMessage(
                "{\"inputShape\":[4],\"layers\":[{\"type\":\"Reshape\",\"targetShape\":[\"a\"]}]}",
                "Layer 0 (Reshape): \"targetShape\" must be a non-empty array of integers");
    }

    @Test
    void shapeErrorsNameTheLayerShapesAndFix() {
        InvalidNetworkException e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(784).conv2d(32, 3, Activation.RELU).build());
        assertEquals(
                "Layer 0 (Conv2D 32 3x3) needs an image input [channels, height, width] but receives [784]. "
                        + "Give the network an input shape like [1, 28, 28], or add a Reshape layer before it.",
                e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(1, 28, 28)
                        .conv2d(8, 3, Activation.RELU)
                        .maxPooling2d(2)
                        .maxPooling2d(2)
                        .maxPooling2d(2)
                        .maxPooling2d(2)
                        .conv2d(8, 3, Activation.RELU)
                        .build());
        assertEquals(
                "Layer 5 (Conv2D 8 3x3) has a 3x3 window with padding 'valid' but its input [8, 1, 1] is only 1x1. "
                        + "Use padding 'same', a smaller window, or fewer down-sampling layers before it.",
                e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(8).add(new MaxPooling2D(2)).build());
        assertTrue(e.getMessage().startsWith("Layer 0 (MaxPooling2D 2x2) needs an image input"), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(10).add(new GlobalAveragePooling2D()).build());
        assertTrue(e.getMessage().startsWith("Layer 0 (GlobalAveragePooling2D) needs an image input"), e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(784).add(new Reshape(1, 28, 27)).build());
        assertEquals(
                "Layer 0 (Reshape [1, 28, 27]) receives [784] (784 values per sample) but the target shape "
                        + "[1, 28, 27] holds 756. Choose a target shape with 784 values, or use -1 for one dimension.",
                e.getMessage());

        e = assertThrows(
                InvalidNetworkException.class,
                () -> NetworkSpec.builder(10).add(new Reshape(3, -1)).build());
        assertTrue(e.getMessage().contains("the target shape [3, -1] needs a multiple of 3"), e.getMessage());

        e = assertThrows(InvalidNetworkException.class, () -> new Reshape(-1, -1));
        assertTrue(e.getMessage().contains("at most one can be inferred"), e.getMessage());
        e = assertThrows(InvalidNetworkException.class, () -> new Conv2D(0, 3));
        assertEquals("Conv2D filters must be positive, got 0", e.getMessage());
        e = assertThrows(
                InvalidNetworkException.class,
                () -> Conv2D.builder(2, 3).strides(0).build());
        assertEquals("Conv2D strides must be positive, got 0x0", e.getMessage());
    }

    private static void assertMessage(String json, String expected) {
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, () -> NetworkSpec.fromJson(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
