package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.Conv2DLayer;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.GradientChecker;
import io.sparknn.testing.GradientChecker.InputSource;
import io.sparknn.testing.OnEveryBackend;
import java.util.SplittableRandom;

/**
 * Finite-difference gradient checks of the image layers on every backend: convolutions with
 * strides, both paddings on even and odd sizes, several channels, without bias; pooling on
 * inputs without ties; the reshaping layers.
 */
class ImageLayerGradientTest {

    private static void check(
            String name, LayerSpec spec, Shape input, int batch, Backend backend, InputSource inputs) {
        GradientChecker.checkLayer(name, spec, input, batch, backend, inputs, true);
    }

    @OnEveryBackend
    void conv3x3ValidMultiChannel(Backend backend) {
        check("Conv2D 3 3x3 valid", new Conv2D(3, 3), Shape.of(2, 5, 6), 2, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void convStride2SameEvenInput(Backend backend) {
        // 6x6, 3x3, stride 2: output 3x3, one padding row/column at the bottom/right only
        Conv2D conv = Conv2D.builder(2, 3).strides(2).padding(Padding.SAME).build();
        check("Conv2D 2 3x3 /2 same on 6x6", conv, Shape.of(2, 6, 6), 2, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void convStride2SameOddInputNonSquareKernel(Backend backend) {
        // 7x5, 3x2, stride 2: output 4x3, padding 1 above and below, 0 left and 1 right
        Conv2D conv = Conv2D.builder(3, 3)
                .kernelSize(3, 2)
                .strides(2)
                .padding(Padding.SAME)
                .build();
        check("Conv2D 3 3x2 /2 same on 7x5", conv, Shape.of(1, 7, 5), 2, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void convSameEvenKernelWithoutBias(Backend backend) {
        Conv2D conv = Conv2D.builder(2, 2)
                .padding(Padding.SAME)
                .useBias(false)
                .kernelInitializer("he_normal")
                .build();
        check("Conv2D 2 2x2 same, no bias", conv, Shape.of(3, 4, 5), 2, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void convUnevenStridesValid(Backend backend) {
        Conv2D conv = Conv2D.builder(2, 2).kernelSize(2, 3).strides(2, 1).build();
        check("Conv2D 2 2x3 /2x1 valid", conv, Shape.of(2, 5, 6), 3, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void convWithTanh(Backend backend) {
        check(
                "Conv2D 2 3x3 tanh",
                new Conv2D(2, 3, Activation.TANH),
                Shape.of(2, 4, 4),
                2,
                backend,
                InputSource.uniform());
    }

    @OnEveryBackend
    void convWithFewerTapsThanFilters(Backend backend) {
        // 4 taps, 6 filters: the kernel gradient is computed transposed.
        check("Conv2D 6 2x2 on one channel", new Conv2D(6, 2), Shape.of(1, 4, 3), 2, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void convExplicitPadsStride2EvenInput(Backend backend) {
        // PyTorch padding=1, stride 2 on 6x6: one padding row on top (TensorFlow same would put it at the bottom).
        Conv2D conv =
                Conv2D.builder(2, 3).strides(2).padding(Padding.explicit(1)).build();
        check("Conv2D 2 3x3 /2 pads 1 on 6x6", conv, Shape.of(2, 6, 6), 2, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void convAsymmetricPads(Backend backend) {
        Conv2D conv = Conv2D.builder(3, 2)
                .kernelSize(3, 2)
                .padding(Padding.explicit(0, 2, 1, 0))
                .build();
        check("Conv2D 3 3x2 pads [0, 2, 1, 0]", conv, Shape.of(2, 4, 5), 2, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void convInChunks(Backend backend) {
        // Chunks of 2 samples for a batch of 5: the kernel gradient accumulates over three
        // chunks, whose column matrices backward either finds retained or rebuilds.
        Conv2D conv = Conv2D.builder(2, 3).padding(Padding.SAME).build();
        checkChunked(conv, Shape.of(2, 4, 3), Integer.MAX_VALUE, backend);
        checkChunked(conv, Shape.of(2, 4, 3), 0, backend);
        checkChunked(new Conv2D(6, 2), Shape.of(1, 4, 3), Integer.MAX_VALUE, backend);
        checkChunked(new Conv2D(6, 2), Shape.of(1, 4, 3), 0, backend);
    }

    private static void checkChunked(Conv2D conv, Shape input, int retainFloats, Backend backend) {
        int taps = input.dim(0) * conv.kernelHeight() * conv.kernelWidth();
        int positions = conv.outputShape(input, 0).size() / conv.filters();
        int chunkFloats = 2 * (taps + conv.filters()) * positions;
        LayerSpec chunked = new LayerSpec() {
            @Override
            public String type() {
                return conv.type();
            }

            @Override
            public Shape outputShape(Shape in, int index) {
                return conv.outputShape(in, index);
            }

            @Override
            public long paramCount(Shape in) {
                return conv.paramCount(in);
            }

            @Override
            public long flopsPerSample(Shape in) {
                return conv.flopsPerSample(in);
            }

            @Override
            public java.util.List<Layer> build(Shape in, Backend b) {
                return java.util.List.of(new Conv2DLayer(
                        conv.geometry(in, 0),
                        conv.filters(),
                        true,
                        io.sparknn.init.Initializers.glorotUniform(),
                        io.sparknn.init.Initializers.zeros(),
                        b,
                        chunkFloats,
                        retainFloats));
            }

            @Override
            public void writeConfig(com.fasterxml.jackson.databind.node.ObjectNode node) {
                conv.writeConfig(node);
            }
        };
        check(
                conv.label() + " in chunks of 2 samples" + (retainFloats == 0 ? ", rebuilt" : ", retained"),
                chunked,
                input,
                5,
                backend,
                InputSource.uniform());
    }

    @OnEveryBackend
    void maxPool2x2(Backend backend) {
        check("MaxPooling2D 2", new MaxPooling2D(2), Shape.of(2, 4, 6), 2, backend, distinct(2 * 2 * 4 * 6));
    }

    @OnEveryBackend
    void maxPoolOverlappingSameOddInput(Backend backend) {
        check(
                "MaxPooling2D 3 /2 same",
                new MaxPooling2D(3, 2, Padding.SAME),
                Shape.of(2, 5, 5),
                2,
                backend,
                distinct(2 * 2 * 5 * 5));
    }

    @OnEveryBackend
    void maxPoolSameOddInput(Backend backend) {
        check(
                "MaxPooling2D 2 same on 5x5",
                new MaxPooling2D(2, 2, Padding.SAME),
                Shape.of(1, 5, 5),
                2,
                backend,
                distinct(2 * 5 * 5));
    }

    @OnEveryBackend
    void maxPoolAsymmetricPads(Backend backend) {
        check(
                "MaxPooling2D 3 /2 pads [1, 0, 0, 2]",
                new MaxPooling2D(3, 3, 2, 2, Padding.explicit(1, 0, 0, 2)),
                Shape.of(2, 6, 5),
                2,
                backend,
                distinct(2 * 2 * 6 * 5));
    }

    @OnEveryBackend
    void globalMaxPooling(Backend backend) {
        check("GlobalMaxPooling2D", new GlobalMaxPooling2D(), Shape.of(3, 3, 4), 2, backend, distinct(2 * 3 * 3 * 4));
    }

    @OnEveryBackend
    void averagePoolAsymmetricPads(Backend backend) {
        check(
                "AveragePooling2D 3x2 /2 pads [1, 1, 0, 1]",
                new AveragePooling2D(3, 2, 2, 2, Padding.explicit(1, 1, 0, 1)),
                Shape.of(2, 6, 5),
                2,
                backend,
                InputSource.uniform());
    }

    @OnEveryBackend
    void averagePoolCountingPadding(Backend backend) {
        check(
                "AveragePooling2D 3 /2 pads 1 counting padding",
                new AveragePooling2D(3, 3, 2, 2, Padding.explicit(1), true),
                Shape.of(2, 6, 5),
                2,
                backend,
                InputSource.uniform());
    }

    @OnEveryBackend
    void averagePool2x2(Backend backend) {
        check("AveragePooling2D 2", new AveragePooling2D(2), Shape.of(2, 4, 6), 2, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void averagePoolOverlappingSameOddInput(Backend backend) {
        check(
                "AveragePooling2D 3 /2 same",
                new AveragePooling2D(3, 2, Padding.SAME),
                Shape.of(2, 5, 5),
                2,
                backend,
                InputSource.uniform());
    }

    @OnEveryBackend
    void averagePoolNonSquareSameEvenInput(Backend backend) {
        check(
                "AveragePooling2D 2x3 same",
                new AveragePooling2D(2, 3, 2, 3, Padding.SAME),
                Shape.of(1, 4, 4),
                2,
                backend,
                InputSource.uniform());
    }

    @OnEveryBackend
    void globalAveragePooling(Backend backend) {
        check(
                "GlobalAveragePooling2D",
                new GlobalAveragePooling2D(),
                Shape.of(3, 3, 4),
                2,
                backend,
                InputSource.uniform());
    }

    @OnEveryBackend
    void flatten(Backend backend) {
        check("Flatten", new Flatten(), Shape.of(2, 3, 2), 2, backend, InputSource.uniform());
    }

    @OnEveryBackend
    void reshape(Backend backend) {
        check("Reshape", new Reshape(3, -1), Shape.of(12), 2, backend, InputSource.uniform());
    }

    /**
     * Every value distinct and at least 0.05 from every other, more than the checker's largest
     * step (2h = 0.02 each way), so no window's maximum changes hands during the check.
     */
    static InputSource distinct(int count) {
        return new InputSource() {
            private float[] values;
            private int next;

            @Override
            public float next(SplittableRandom rng) {
                if (values == null) {
                    values = new float[count];
                    for (int i = 0; i < count; i++) {
                        values[i] = (i - count / 2f) * 0.05f;
                    }
                    for (int i = count - 1; i > 0; i--) {
                        int j = rng.nextInt(i + 1);
                        float t = values[i];
                        values[i] = values[j];
                        values[j] = t;
                    }
                }
                return values[next++];
            }
        };
    }
}
