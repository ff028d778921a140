package io.sparknn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.sparknn.backend.Backend;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testing.GradientChecker;
import io.sparknn.testing.OnEveryBackend;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Right-padded sequences through whole networks: a padded sample gives exactly what its
 * unpadded prefix gives, an all-padding sample gives the zero state, and the gradients the
 * network writes match finite differences when some samples are shorter.
 */
class SequenceMaskingTest {
    private static final int PAD = 0;

    /** Embedding(7, 3, pad 0) -> body -> Dense(2) on sequences of {@code time} ids. */
    private static NetworkSpec model(int time, LayerSpec... body) {
        NetworkSpec.Builder b = NetworkSpec.builder(time).add(new Embedding(7, 3, PAD));
        for (LayerSpec l : body) {
            b.add(l);
        }
        return b.dense(2).build();
    }

    private static void assertPaddingIsIgnored(Backend backend, LayerSpec... body) {
        NetworkSpec padded = model(6, body);
        NetworkSpec exact = model(3, body);
        Network net = Network.create(padded, backend, 9);
        Network shortNet = Network.withParams(exact, backend, net.params()); // weights do not depend on time
        float[][] samples = {{1, 2, 3}, {4, PAD, 5}, {6, 6, 1}};
        float[] x = new float[samples.length * 6];
        float[] xs = new float[samples.length * 3];
        for (int i = 0; i < samples.length; i++) {
            System.arraycopy(samples[i], 0, x, i * 6, 3);
            System.arraycopy(samples[i], 0, xs, i * 3, 3);
        }
        float[] y = Arrays.copyOf(net.predict(x, samples.length), samples.length * 2);
        float[] ys = Arrays.copyOf(shortNet.predict(xs, samples.length), samples.length * 2);
        assertArrayEquals(ys, y, 1e-5f, "padded vs unpadded " + Arrays.toString(body));
    }

    @OnEveryBackend
    void lstmIgnoresPadding(Backend backend) {
        assertPaddingIsIgnored(backend, new LSTM(4));
    }

    @OnEveryBackend
    void gruIgnoresPadding(Backend backend) {
        assertPaddingIsIgnored(backend, new GRU(4));
    }

    @OnEveryBackend
    void stackedSequencesAndPoolingIgnorePadding(Backend backend) {
        assertPaddingIsIgnored(backend, new LSTM(4, true), new GRU(3, true), new GlobalAveragePooling1D());
    }

    @OnEveryBackend
    void anEmptySampleGivesTheZeroState(Backend backend) {
        for (LayerSpec rnn : new LayerSpec[] {new LSTM(4), new GRU(4), new LSTM(4, true)}) {
            Network net = Network.create(
                    NetworkSpec.builder(5)
                            .add(new Embedding(7, 3, PAD))
                            .add(rnn)
                            .build(),
                    backend,
                    2);
            int width = net.outputShape().size();
            float[] y = net.predict(new float[] {1, 2, 3, 4, 5, PAD, PAD, PAD, PAD, PAD}, 2);
            assertArrayEquals(new float[width], Arrays.copyOfRange(y, width, 2 * width), rnn.toString());
        }
    }

    /** Lengths 5, 3, 0 and 1 (an inner padding id too) through two recurrent layers and a fused loss. */
    @OnEveryBackend
    void networkGradientsWithPaddedSamples(Backend backend) {
        NetworkSpec spec = NetworkSpec.builder(5)
                .add(new Embedding(6, 3, PAD))
                .add(new LSTM(4, true))
                .add(new GRU(3))
                .dense(2, Activation.SOFTMAX)
                .build();
        float[] x = {1, 2, 3, 4, 5, /**/ 5, PAD, 2, PAD, PAD, /**/ PAD, PAD, PAD, PAD, PAD, /**/ 3, PAD, PAD, PAD, PAD};
        float[] labels = {0, 1, 1, 0};
        int batch = 4;
        Network net = Network.create(spec, backend, 4);
        SplittableRandom rng = new SplittableRandom(8);
        float[] p = net.params();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) rng.nextDouble(-0.3, 0.3);
        }
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        net.forwardBackward(x, batch, labels, null, loss, 1f / batch, 0L);
        float[] grads = net.grads().clone();
        for (int i = 0; i < p.length; i++) {
            double num = GradientChecker.derivative(
                    p,
                    i,
                    () -> loss.compute(net.forwardForLoss(x, batch, loss), batch, 2, labels, null, 1f, null) / batch);
            GradientChecker.assertClose("Embedding-LSTM-GRU-Dense with padding, parameter " + i, num, grads[i]);
        }
    }
}
