package io.sparknn.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.testing.TokenOrderTask;
import io.sparknn.train.Evaluation;
import io.sparknn.train.LocalTrainer;
import io.sparknn.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * Recurrent layers learn a task that needs memory ({@link TokenOrderTask}: which of two markers
 * comes first among noise, in right-padded sequences of 20 to 50 steps), while a
 * bag-of-embeddings model, which ignores order, stays at chance. Accuracies are on 1,000
 * held-out sequences; chance is 0.5 with a standard deviation of 0.016, so the bag model's
 * bounds [0.4, 0.6] are six standard deviations wide.
 */
class SequenceMemoryTest {
    private static final int VOCABULARY = 12;
    private static final int TIME = 50;
    private static final LabeledSamples TRAIN = TokenOrderTask.generate(3000, VOCABULARY, TIME, 20, 1);
    private static final LabeledSamples TEST = TokenOrderTask.generate(1000, VOCABULARY, TIME, 20, 2);

    private static double testAccuracy(String name, LayerSpec... body) {
        NetworkSpec.Builder b = NetworkSpec.builder(TIME).add(new Embedding(VOCABULARY, 8, TokenOrderTask.PADDING));
        for (LayerSpec l : body) {
            b.add(l);
        }
        Network net = Network.create(b.dense(2, Activation.SOFTMAX).build(), Backends.getDefault(), 3);
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Adam())
                .learningRate(1e-2f)
                .batchSize(32)
                .epochs(5)
                .seed(5)
                .build();
        new LocalTrainer(cfg)
                .onEpoch(e -> System.out.println("memory task, " + name + ": " + e))
                .fit(net, TRAIN, null);
        double acc = Evaluation.of(net, TEST, cfg.loss(), 500).accuracy();
        System.out.printf("memory task, %s: test accuracy %.4f%n", name, acc);
        return acc;
    }

    @Test
    void lstmRemembersWhichMarkerCameFirst() {
        double acc = testAccuracy("LSTM(16)", new LSTM(16));
        assertTrue(acc >= 0.95, "LSTM test accuracy " + acc + " < 0.95");
    }

    @Test
    void gruRemembersWhichMarkerCameFirst() {
        double acc = testAccuracy("GRU(16)", new GRU(16));
        assertTrue(acc >= 0.95, "GRU test accuracy " + acc + " < 0.95");
    }

    @Test
    void aBagOfEmbeddingsStaysAtChance() {
        double acc = testAccuracy("bag of embeddings", new GlobalAveragePooling1D(), new Dense(16, Activation.RELU));
        assertTrue(acc > 0.4 && acc < 0.6, "bag-of-embeddings test accuracy " + acc + " is not near chance (0.5)");
    }
}
