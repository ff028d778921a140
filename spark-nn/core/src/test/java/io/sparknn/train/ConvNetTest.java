package io.sparknn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.optim.schedule.LearningRateSchedule;
import io.sparknn.testing.FashionMnistData;
import org.junit.jupiter.api.Test;

/**
 * The seed-003 CNN learns Fashion-MNIST clearly better than the seed-000 MLP trained the same
 * way (the 6,000-image subset, four epochs, batch 32, Adam with the learning rate decaying from
 * 2e-3 to 0 on a cosine, seed 0). Flat 784-value samples feed the [1, 28, 28] input unchanged.
 *
 * <p>Observed with MKL on 2 threads: CNN 0.874, MLP 0.858 (after six epochs the MLP closes in:
 * 0.877 against 0.867). The decaying rate keeps the final accuracy from swinging by a point or
 * two with the last batches, as it does at a constant rate. The bars sit a little below.
 */
class ConvNetTest {
    private static final int BATCH = 32;
    private static final int EPOCHS = 4;

    static NetworkSpec seed003() {
        return NetworkSpec.builder(1, 28, 28)
                .conv2d(32, 3, Activation.RELU)
                .maxPooling2d(2)
                .flatten()
                .dense(10, Activation.SOFTMAX)
                .build();
    }

    static NetworkSpec seed000() {
        return NetworkSpec.builder(784)
                .dense(256, Activation.RELU)
                .dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .build();
    }

    private static double trainOneEpoch(String name, NetworkSpec spec, LabeledSamples train, LabeledSamples test) {
        Network net = Network.create(spec, Backends.getDefault(), 0);
        long steps = EPOCHS * ((train.size() + BATCH - 1) / BATCH);
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Adam())
                .schedule(LearningRateSchedule.cosine(2e-3, steps, 0))
                .batchSize(BATCH)
                .epochs(EPOCHS)
                .seed(0)
                .build();
        long t0 = System.nanoTime();
        new LocalTrainer(cfg).fit(net, train, null);
        double acc = Evaluation.of(net, test, cfg.loss(), 500).accuracy();
        System.out.printf(
                "%s: test accuracy %.4f after %d epochs on %d samples (%.1f s)%n",
                name, acc, EPOCHS, train.size(), (System.nanoTime() - t0) / 1e9);
        return acc;
    }

    @Test
    void seed003CnnBeatsAnMlpTrainedTheSameWay() {
        LabeledSamples train = FashionMnistData.train();
        LabeledSamples test = FashionMnistData.test();
        double cnn = trainOneEpoch("seed-003 CNN", seed003(), train, test);
        double mlp = trainOneEpoch("seed-000 MLP", seed000(), train, test);
        assertTrue(cnn >= 0.86, "CNN test accuracy " + cnn + " < 0.86");
        assertTrue(cnn > mlp + 0.01, "CNN " + cnn + " must beat the MLP " + mlp + " by more than 0.01");
    }
}
