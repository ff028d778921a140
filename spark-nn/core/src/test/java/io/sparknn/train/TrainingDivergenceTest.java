package io.sparknn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.data.LabeledSamples;
import io.sparknn.loss.MeanSquaredError;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Sgd;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.TestBackends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Training stops with a clear error at the step where the loss or the weights stop being finite. */
class TrainingDivergenceTest {
    private static final NetworkSpec CLASSIFIER = NetworkSpec.builder(6)
            .dense(16, Activation.RELU)
            .dense(3, Activation.SOFTMAX)
            .build();

    static LabeledSamples blobs(int n, float labelScale, boolean regression) {
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = new float[n * 6];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = (float) rng.nextDouble(-1, 1);
            }
            y[i] = regression ? labelScale * (x[i * 6] - x[i * 6 + 1]) : (x[i * 6] > 0 ? 2 : x[i * 6 + 1] > 0 ? 1 : 0);
        }
        return new LabeledSamples(x, Shape.of(6), y, 1, null);
    }

    @Test
    void aHugeLearningRateStopsTrainingNamingEpochStepAndFix() {
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Sgd())
                .learningRate(1e30f)
                .batchSize(16)
                .epochs(3)
                .seed(1)
                .build();
        Network net = Network.create(CLASSIFIER, TestBackends.java(), 1);
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class, () -> new LocalTrainer(cfg).fit(net, blobs(200, 1, false), null));
        String m = e.getMessage();
        assertEquals(1, e.epoch(), m);
        assertTrue(e.globalStep() >= 1 && e.globalStep() < 13, m); // within the first epoch, after an update
        assertTrue(
                m.startsWith("Training diverged in epoch 1, step " + (e.globalStep() + 1) + " (update "
                        + (e.globalStep() + 1) + "): the training loss of the batch is "),
                m);
        assertTrue(m.contains("learning rate (1.0E30 at this step, sgd optimizer)"), m);
        assertTrue(m.contains("Lower the learning rate") && m.contains("StandardScaler") && m.contains("clip norm"), m);
    }

    @Test
    void regressionLabelsTooLargeForFloatStopTrainingWithinTheFirstSteps() {
        // 1e30 is a finite float; the loss sums in double, but the gradients of 1e30 push the
        // float weights, and then the outputs, beyond float range within a few updates.
        TrainingConfig cfg = TrainingConfig.builder()
                .loss(new MeanSquaredError())
                .optimizer(new Sgd())
                .learningRate(0.01f)
                .batchSize(20)
                .epochs(1)
                .seed(1)
                .build();
        Network net = Network.create(
                NetworkSpec.builder(6).dense(4, Activation.TANH).dense(1).build(), TestBackends.java(), 1);
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class, () -> new LocalTrainer(cfg).fit(net, blobs(100, 1e30f, true), null));
        assertEquals(1, e.epoch());
        assertTrue(e.globalStep() < 5, e.getMessage());
        assertTrue(e.getMessage().startsWith("Training diverged in epoch 1, step "), e.getMessage());
        assertTrue(e.getMessage().contains("the training loss of the batch is "), e.getMessage());
    }

    @Test
    void aNonFiniteWeightIsNamedWithItsLayer() {
        float[] params = new float[(int) CLASSIFIER.paramCount()];
        params[6 * 16 + 16 + 5] = Float.NEGATIVE_INFINITY; // the sixth weight of the second Dense layer
        DivergenceCheck check = new DivergenceCheck(
                CLASSIFIER, TrainingConfig.builder().learningRate(0.5f).build());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> check.weights(params, 1, 30));
        assertTrue(
                e.getMessage()
                        .startsWith("Training diverged in epoch 2: weight 117 (in layer 1 (Dense(3, softmax))) "
                                + "is -Infinity at the end of the epoch."),
                e.getMessage());
        params[117] = 0;
        check.weights(params, 1, 30); // all finite: no error
    }

    /** After its retries Spark reports a failed barrier stage as text only; the divergence is rebuilt from it. */
    @Test
    void aDivergenceQuotedInAWrapperMessageIsFound() {
        String quoted =
                "Training diverged in epoch 3, step 2 (update 26): the training loss of the batch is NaN. Lower it.";
        RuntimeException spark = new RuntimeException("Job aborted due to stage failure: Most recent failure reason: "
                + "Stage failed.\n" + TrainingDivergedException.class.getName() + ": " + quoted
                + "\n\tat io.sparknn.X.y(X.java:1)");
        TrainingDivergedException found = TrainingDivergedException.findIn(new IllegalStateException("outer", spark));
        assertEquals(quoted, found.getMessage());
        assertEquals(3, found.epoch());
        assertEquals(25, found.globalStep());
        TrainingDivergedException real = new TrainingDivergedException("x", 1, 0);
        assertEquals(real, TrainingDivergedException.findIn(new RuntimeException(real)));
        assertEquals(null, TrainingDivergedException.findIn(new RuntimeException("unrelated")));
    }
}
