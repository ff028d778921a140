package io.sparknn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.loss.MeanSquaredError;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.optim.schedule.LearningRateSchedule;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.FashionMnistData;
import io.sparknn.testing.TestBackends;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalTrainerTest {

    static NetworkSpec seed000() {
        return NetworkSpec.builder(784)
                .dense(256, Activation.RELU)
                .dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .build();
    }

    /**
     * Six epochs over the 6,000-image subset with the rate decaying from 2e-3 to 0 on a cosine
     * (at a constant rate the test accuracy swings by 2-3 points from epoch to epoch on so few
     * samples). Observed with MKL on 2 threads: 0.858 after epoch 6 (0.846 after 4).
     */
    @Test
    void seed000MlpReaches85PercentOnTheFashionMnistSubset() {
        final int epochs = 6;
        LabeledSamples train = FashionMnistData.train();
        LabeledSamples test = FashionMnistData.test();
        Network net = Network.create(seed000(), Backends.getDefault(), 0);
        long steps = epochs * ((train.size() + 127) / 128);
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Adam())
                .schedule(LearningRateSchedule.cosine(2e-3, steps, 0))
                .batchSize(128)
                .epochs(epochs)
                .seed(0)
                .build();
        List<EpochStats> history = new LocalTrainer(cfg)
                .onEpoch(e -> System.out.println("seed-000 MLP " + e))
                .fit(net, train, test);
        assertEquals(epochs, history.size());
        assertTrue(history.get(epochs - 1).loss() < history.get(0).loss(), "training loss must fall: " + history);
        double acc = Evaluation.of(net, test, cfg.loss(), 1000).accuracy();
        assertEquals(acc, history.get(epochs - 1).validationAccuracy(), 1e-9);
        assertTrue(acc >= 0.85, "test accuracy " + acc + " < 0.85 after " + epochs + " epochs");
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        LabeledSamples small = FashionMnistData.train().head(3000);
        NetworkSpec spec = NetworkSpec.builder(784)
                .dense(64, Activation.RELU)
                .dropout(0.2f)
                .dense(10, Activation.SOFTMAX)
                .build();
        TrainingConfig cfg = TrainingConfig.builder()
                .batchSize(50)
                .epochs(2)
                .seed(42)
                .clipNorm(1.0)
                .build();
        float[] a = train(spec, cfg, small);
        float[] b = train(spec, cfg, small);
        assertArrayEquals(a, b);
        float[] c = train(
                spec,
                TrainingConfig.builder()
                        .batchSize(50)
                        .epochs(2)
                        .seed(43)
                        .clipNorm(1.0)
                        .build(),
                small);
        assertTrue(!java.util.Arrays.equals(a, c), "another seed must give other weights");
    }

    private static float[] train(NetworkSpec spec, TrainingConfig cfg, LabeledSamples data) {
        Network net = Network.create(spec, TestBackends.mkl(), cfg.seed());
        new LocalTrainer(cfg).fit(net, data, null);
        return net.params().clone();
    }

    @Test
    void regressionLearnsALinearFunctionWithWeights() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 2000;
        float[] x = new float[n * 3];
        float[] y = new float[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) rng.nextDouble(-1, 1);
            }
            y[i] = 2 * x[i * 3] - x[i * 3 + 1] + 0.5f * x[i * 3 + 2] + 0.3f;
            w[i] = (float) rng.nextDouble(0.5, 2);
        }
        LabeledSamples d = new LabeledSamples(x, Shape.of(3), y, 1, w);
        Network net = Network.create(NetworkSpec.builder(3).dense(1).build(), TestBackends.java(), 1);
        List<EpochStats> h = new LocalTrainer(TrainingConfig.builder()
                        .loss(new MeanSquaredError())
                        .learningRate(0.05f)
                        .batchSize(32)
                        .epochs(15)
                        .seed(1)
                        .build())
                .fit(net, d, null);
        assertTrue(h.get(h.size() - 1).loss() < 1e-4, "final MSE " + h.get(h.size() - 1));
        assertTrue(Double.isNaN(h.get(0).accuracy()));
        float[] p = net.params();
        assertEquals(2f, p[0], 0.02);
        assertEquals(-1f, p[1], 0.02);
        assertEquals(0.5f, p[2], 0.02);
        assertEquals(0.3f, p[3], 0.02);
    }

    @Test
    void badDataIsRejectedBeforeTraining() {
        Network net = Network.create(seed000(), TestBackends.java(), 0);
        LocalTrainer t = new LocalTrainer(TrainingConfig.builder().build());
        LabeledSamples wrong = new LabeledSamples(new float[10 * 5], Shape.of(5), new float[10], 1, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(net, wrong, null));
        assertTrue(e.getMessage().contains("samples have shape [5] but the network expects [784]"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingConfig.builder().batchSize(0).build());
    }
}
