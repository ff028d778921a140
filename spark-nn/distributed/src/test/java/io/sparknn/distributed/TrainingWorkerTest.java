package io.sparknn.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.Backend;
import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.checkpoint.HadoopCheckpointStore;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.tensor.Shape;
import io.sparknn.train.EpochStats;
import io.sparknn.train.LocalTrainer;
import io.sparknn.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker loop on an in-process collective: distributed training equals local training,
 * is deterministic, survives uneven partitions, and resumes from checkpoints exactly.
 */
class TrainingWorkerTest {
    private static final Backend MKL = Backends.create("mkl", 1);
    private static final NetworkSpec SPEC = NetworkSpec.builder(12)
            .dense(16, Activation.TANH)
            .dropout(0.2f)
            .dense(8, Activation.RELU)
            .dense(3, Activation.SOFTMAX)
            .build();

    @AfterAll
    static void closeBackend() {
        MKL.close();
    }

    static LabeledSamples data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 12];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 12; j++) {
                float v = (float) rng.nextDouble(-1, 1);
                x[i * 12 + j] = v;
                s += v * (j % 3 - 1);
            }
            y[i] = s > 0.5 ? 2 : s < -0.5 ? 0 : 1;
        }
        return new LabeledSamples(x, Shape.of(12), y, 1, null);
    }

    private static TrainingConfig config(int epochs, int threads) {
        return TrainingConfig.builder()
                .optimizer(new Adam())
                .learningRate(0.01f)
                .batchSize(32)
                .epochs(epochs)
                .seed(7)
                .threads(threads)
                .clipNorm(5.0)
                .build();
    }

    private static WorkerSettings settings(
            TrainingConfig cfg, WorkerSettings.Sharding sharding, int everySteps, int everyEpochs) {
        return new WorkerSettings(SPEC, cfg, sharding, everySteps, everyEpochs);
    }

    @Test
    void oneTwoAndThreeWorkersEqualLocalTraining() throws Exception {
        LabeledSamples d = data(200, 1);
        TrainingConfig cfg = config(2, 1);
        Network local = Network.create(SPEC, MKL, cfg.seed());
        new LocalTrainer(cfg).fit(local, d, null);
        for (int workers = 1; workers <= 3; workers++) {
            List<WorkerResult> results = WorkerGroup.run(
                    workers, settings(cfg, WorkerSettings.Sharding.GLOBAL, 0, 0), MKL, r -> d, null, null);
            float[] w = results.get(0).weights();
            for (WorkerResult r : results) {
                assertArrayEquals(w, r.weights(), "all workers must end with the same bits");
            }
            assertClose(local.params(), w, 1e-5, workers + " workers vs local training");
            assertEquals(2 * 7, results.get(0).globalSteps()); // ceil(200/32) = 7 steps per epoch
        }
    }

    @Test
    void sameSeedTwiceGivesBitIdenticalWeights() throws Exception {
        LabeledSamples d = data(150, 2);
        WorkerSettings s = settings(config(2, 2), WorkerSettings.Sharding.GLOBAL, 0, 0);
        float[] a = WorkerGroup.run(3, s, MKL, r -> d, null, null).get(0).weights();
        float[] b = WorkerGroup.run(3, s, MKL, r -> d, null, null).get(0).weights();
        assertArrayEquals(a, b);
    }

    @Test
    void spilledFeaturesTrainExactlyLikeFeaturesInMemory() throws Exception {
        LabeledSamples d = data(120, 9);
        LabeledSamples buffered = new LabeledSamples(
                java.nio.FloatBuffer.wrap(d.features().clone()), d.featureShape(), d.labels(), d.labelWidth(), null);
        WorkerSettings s = settings(config(2, 2), WorkerSettings.Sharding.LOCAL_SHUFFLE, 0, 0);
        float[] a = WorkerGroup.run(2, s, MKL, r -> r == 0 ? d : d.head(50), null, null)
                .get(0)
                .weights();
        float[] b = WorkerGroup.run(2, s, MKL, r -> r == 0 ? buffered : d.head(50), null, null)
                .get(0)
                .weights();
        assertArrayEquals(a, b);
    }

    @Test
    void unevenPartitionsTrainWithoutDeadlockAndLearn() throws Exception {
        LabeledSamples[] parts = {data(10, 3), data(140, 4), data(51, 5)};
        WorkerSettings s = settings(config(6, 1), WorkerSettings.Sharding.LOCAL_SHUFFLE, 0, 0);
        List<WorkerResult> results = WorkerGroup.run(3, s, MKL, r -> parts[r], null, null);
        List<EpochStats> h = results.get(0).history();
        assertEquals(6, h.size());
        assertEquals(7 * 32 - 23, h.get(0).samples()); // 7 global batches cover all 201 rows
        assertTrue(h.get(5).loss() < h.get(0).loss(), "loss must fall: " + h);
        for (int e = 0; e < h.size(); e++) {
            EpochStats other = results.get(2).history().get(e);
            assertEquals(h.get(e).loss(), other.loss(), 0.0, "every worker reports the same global loss");
            assertEquals(h.get(e).accuracy(), other.accuracy(), 0.0);
            assertEquals(h.get(e).samples(), other.samples());
        }
    }

    @Test
    void resumesFromAnEpochCheckpointExactly(@TempDir Path dir) throws Exception {
        LabeledSamples d = data(160, 6);
        TrainingConfig four = config(4, 1);
        float[] uninterrupted = WorkerGroup.run(
                        2, settings(four, WorkerSettings.Sharding.GLOBAL, 0, 0), MKL, r -> d, null, null)
                .get(0)
                .weights();

        HadoopCheckpointStore store = new HadoopCheckpointStore(dir.toUri().toString(), new Configuration(), 2);
        // The first run stops after epoch 2 (its last), having checkpointed after epoch 1.
        WorkerGroup.run(2, settings(config(2, 1), WorkerSettings.Sharding.GLOBAL, 0, 1), MKL, r -> d, store, null);
        assertEquals(1, store.latest().orElseThrow().trainingState().epoch());
        List<WorkerResult> resumed =
                WorkerGroup.run(2, settings(four, WorkerSettings.Sharding.GLOBAL, 0, 1), MKL, r -> d, store, null);
        assertEquals(1, resumed.get(0).resumedFromEpoch());
        assertEquals(4, resumed.get(0).history().size(), "the history before the checkpoint is kept");
        assertArrayEquals(
                uninterrupted, resumed.get(0).weights(), "resumed training must equal uninterrupted training");
    }

    @Test
    void resumesFromAMidEpochStepCheckpointExactly(@TempDir Path dir) throws Exception {
        LabeledSamples d = data(100, 7);
        TrainingConfig cfg = config(2, 1);
        WorkerSettings s = settings(cfg, WorkerSettings.Sharding.LOCAL_SHUFFLE, 3, 0);
        float[] uninterrupted = WorkerGroup.run(
                        1, settings(cfg, WorkerSettings.Sharding.LOCAL_SHUFFLE, 0, 0), MKL, r -> d, null, null)
                .get(0)
                .weights();
        HadoopCheckpointStore store = new HadoopCheckpointStore(dir.toUri().toString(), new Configuration(), 2);
        ProgressListener crash = new ProgressListener() {
            @Override
            public void step(int epoch, int step, int stepsPerEpoch, double loss, double sps) {
                if (epoch == 1 && step == 2) {
                    throw new IllegalStateException("injected failure");
                }
            }
        };
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> WorkerGroup.run(1, s, MKL, r -> d, store, crash));
        assertEquals("injected failure", e.getMessage());
        // 4 steps per epoch; checkpoints every 3 global steps: after epoch 0 step 2 and epoch 1 step 1.
        long step = store.latest().orElseThrow().trainingState().globalStep();
        assertEquals(6, step);
        WorkerResult resumed = WorkerGroup.run(1, s, MKL, r -> d, store, null).get(0);
        assertEquals(6, resumed.resumedFromStep());
        assertArrayEquals(uninterrupted, resumed.weights());
    }

    @Test
    void twoWorkersResumeMidEpochWithTheSameWeightsAndEpochFigures(@TempDir Path dir) throws Exception {
        LabeledSamples[] parts = {data(70, 10), data(60, 11)};
        TrainingConfig cfg = config(2, 1);
        List<WorkerResult> plain = WorkerGroup.run(
                2, settings(cfg, WorkerSettings.Sharding.LOCAL_SHUFFLE, 0, 0), MKL, r -> parts[r], null, null);
        HadoopCheckpointStore store = new HadoopCheckpointStore(dir.toUri().toString(), new Configuration(), 2);
        WorkerSettings s = settings(cfg, WorkerSettings.Sharding.LOCAL_SHUFFLE, 2, 0);
        ProgressListener crash = new ProgressListener() {
            @Override
            public void step(int epoch, int step, int stepsPerEpoch, double loss, double sps) {
                if (epoch == 1 && step == 2) {
                    throw new IllegalStateException("injected failure");
                }
            }
        };
        assertThrows(Exception.class, () -> WorkerGroup.run(2, s, MKL, r -> parts[r], store, crash));
        List<WorkerResult> resumed = WorkerGroup.run(2, s, MKL, r -> parts[r], store, null);
        assertTrue(
                resumed.get(0).resumedFromStep() > 5,
                "resumed mid-epoch 2 at step " + resumed.get(0).resumedFromStep());
        assertArrayEquals(plain.get(0).weights(), resumed.get(0).weights());
        for (int e = 0; e < 2; e++) {
            EpochStats a = plain.get(0).history().get(e);
            EpochStats b = resumed.get(0).history().get(e);
            assertEquals(a.loss(), b.loss(), 1e-9 * Math.abs(a.loss()), "epoch " + (e + 1) + " loss");
            assertEquals(a.accuracy(), b.accuracy(), 1e-12, "epoch " + (e + 1) + " accuracy");
            assertEquals(a.samples(), b.samples(), "epoch " + (e + 1) + " samples");
        }
    }

    /**
     * Only worker 1 sees an infinite loss (one label is Infinity). With positive features and a
     * single such row its gradients are infinite but not NaN, so the sum in worker 0's slice is
     * infinite too: worker 0 must still stop at the same step with the divergence error instead
     * of waiting in the all-gather for a worker that has already failed.
     */
    @Test
    void aLossThatIsInfiniteOnOneWorkerStopsEveryWorkerAtTheSameStep() {
        NetworkSpec spec =
                NetworkSpec.builder(12).dense(8, Activation.TANH).dense(1).build();
        LabeledSamples[] parts = {positive(data(16, 12), false), positive(data(16, 13), true)};
        TrainingConfig cfg = TrainingConfig.builder()
                .loss(new io.sparknn.loss.MeanSquaredError())
                .learningRate(0.01f)
                .batchSize(32)
                .epochs(1)
                .seed(7)
                .build();
        WorkerSettings s = new WorkerSettings(spec, cfg, WorkerSettings.Sharding.LOCAL_SHUFFLE, 0, 0);
        io.sparknn.train.TrainingDivergedException e = assertThrows(
                io.sparknn.train.TrainingDivergedException.class,
                () -> WorkerGroup.run(2, s, MKL, r -> parts[r], null, null));
        assertTrue(
                e.getMessage()
                        .startsWith("Training diverged in epoch 1, step 1 (update 1): the loss or the "
                                + "gradients summed over the workers are NaN or infinite."),
                e.getMessage());
    }

    /** {@code d} with features in (0, 1] and, if asked, the first label set to Infinity. */
    private static LabeledSamples positive(LabeledSamples d, boolean infiniteLabel) {
        float[] x = d.features().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0.01f, Math.abs(x[i]));
        }
        float[] y = d.labels().clone();
        if (infiniteLabel) {
            y[0] = Float.POSITIVE_INFINITY;
        }
        return new LabeledSamples(x, d.featureShape(), y, 1, null);
    }

    private static void assertClose(float[] expected, float[] actual, double rtol, String what) {
        double max = 0;
        for (float v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double tol = rtol * Math.max(Math.abs(expected[i]), 1e-2 * max);
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                throw new AssertionError(what + ": weight " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (relative tolerance " + rtol + ")");
            }
        }
    }
}
