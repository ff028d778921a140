package io.sparknn.distributed.spark;

import io.sparknn.distributed.WorkerResult;
import io.sparknn.distributed.WorkerSettings;
import io.sparknn.distributed.collective.RingEncryption;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.EpochStats;
import io.sparknn.train.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.HashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.reflect.ClassTag$;

/**
 * Synchronous data-parallel training of a network on a Spark DataFrame. The rows are
 * repartitioned to {@code numWorkers} partitions and ONE barrier stage runs one long-lived worker
 * per partition for the whole run; workers exchange gradients and weights over an
 * authenticated TCP ring, never through Spark jobs per step.
 *
 * <pre>{@code
 * DistributedTrainingResult r = new DistributedTrainer(spec, config,
 *         DistributedOptions.workers(2).withCheckpoints("hdfs:///ckpt/run1", 1, 0))
 *     .fit(trainDf, validationDf);
 * }</pre>
 *
 * The config's batch size is the global batch; its thread count is the threads per worker.
 */
public final class DistributedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);

    private final NetworkSpec spec;
    private final TrainingConfig config;
    private final DistributedOptions options;

    public DistributedTrainer(NetworkSpec spec, TrainingConfig config, DistributedOptions options) {
        this.spec = spec;
        this.config = config;
        this.options = options;
    }

    /** Trains on {@code train}; {@code validation} (same columns) may be null. */
    public DistributedTrainingResult fit(Dataset<Row> train, Dataset<Row> validation) {
        TrainingRows rows = new TrainingRows(options);
        rows.checkColumns(train, "training", null);
        if (validation != null) {
            rows.checkColumns(validation, "validation", null);
        }
        return train(train.sparkSession().sparkContext(), () -> rows.of(train, validation));
    }

    /**
     * Trains on the rows of {@code rows} whose boolean column {@code validationCol} is false and
     * validates on those where it is true (rows where it is null are left out): the same training
     * as {@link #fit} with the rows split by that column, without splitting them on the driver.
     */
    public DistributedTrainingResult fitFlagged(Dataset<Row> rows, String validationCol) {
        TrainingRows training = new TrainingRows(options);
        training.checkColumns(rows, "training", validationCol);
        return train(rows.sparkSession().sparkContext(), () -> training.flagged(rows, validationCol));
    }

    private DistributedTrainingResult train(
            SparkContext sc, java.util.function.Supplier<Dataset<Row>> partitionedRows) {
        ClusterCheck.ThreadPlan threads = ClusterCheck.check(sc, options.numWorkers(), config.threads());
        BarrierTaskTimer.makeDaemonIfLocal(sc);
        StringBuilder heapSetting = new StringBuilder();
        long heap = TrainingPreflight.executorHeap(sc.getConf(), sc.master(), heapSetting);
        TrainingPreflight.checkMemory(spec, config, options.numWorkers(), heap, heapSetting.toString());
        if (options.checkpointDir() != null) {
            TrainingPreflight.checkCheckpointDir(options.checkpointDir(), sc.hadoopConfiguration());
        }
        DistributedOptions.FineTuning tuning = options.fineTuning();
        WorkerSettings settings = new WorkerSettings(
                spec,
                config,
                WorkerSettings.Sharding.LOCAL_SHUFFLE,
                options.checkpointEverySteps(),
                options.checkpointEveryEpochs(),
                tuning.initialWeights(),
                tuning.frozenRanges(),
                tuning.earlyStoppingPatience());
        RingEncryption encryption = CollectiveSecurity.encryption(sc.getConf());
        boolean weighted = options.weightCol() != null;
        Dataset<Row> rows = partitionedRows.get();

        TrainingRows.Layout layout = TrainingRows.Layout.of(rows.schema(), options.featuresCol(), options.labelCol());
        try (StageFailures failures = new StageFailures(sc)) {
            // Spark's binary rows: the workers copy feature arrays straight out of them. The rows are
            // checked as they are read (InputAudit), so no job runs over the input before this one.
            RDD<InternalRow> partitions = rows.queryExecution().toRdd();
            if (partitions.getNumPartitions() == 0) {
                // The optimizer found the input empty and left no partitions to launch workers on.
                throw new RejectedInputException(
                        "The training data is empty: there is nothing to train on.", new InputAudit(0, 1));
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            try (ProgressServer progress = startProgress(sc, secret)) {
                float[] initial = options.fineTuning().initialWeights();
                Broadcast<byte[]> initialModel = initial == null
                        ? null
                        : sc.broadcast(modelBytes(initial), ClassTag$.MODULE$.apply(byte[].class));
                BarrierTrainingFunction fn = new BarrierTrainingFunction(
                        settings,
                        options,
                        layout,
                        weighted,
                        secret,
                        options.checkpointDir() == null
                                ? new HashMap<>()
                                : HadoopOverrides.of(sc.hadoopConfiguration()),
                        progress == null ? null : progress.address(),
                        initialModel,
                        encryption);
                return run(sc, partitions, fn, threads, failures);
            }
        }
    }

    private DistributedTrainingResult run(
            SparkContext sc,
            RDD<InternalRow> partitions,
            BarrierTrainingFunction fn,
            ClusterCheck.ThreadPlan threads,
            StageFailures failures) {
        RDD<byte[]> results = partitions.barrier().mapPartitions(fn, false, ClassTag$.MODULE$.apply(byte[].class));
        if (threads == ClusterCheck.ThreadPlan.STAGE_LEVEL) {
            results = results.withResources(new ResourceProfileBuilder()
                    .require(new TaskResourceRequests().cpus(config.threads()))
                    .build());
        }
        String description = String.format(
                "spark-nn: training %,d parameters on %d worker(s) x %d thread(s), %d epoch(s)",
                spec.paramCount(), options.numWorkers(), config.threads(), config.epochs());
        String previous = sc.getLocalProperty("spark.job.description");
        sc.setJobDescription(description);
        LOG.info(
                "{}; global batch {}; checkpoints: {}",
                description,
                config.batchSize(),
                options.checkpointDir() == null ? "none" : options.checkpointDir());
        byte[][] out;
        try {
            // Spark retries a failed barrier stage only when it is a shuffle-map stage ("Could not
            // recover from a failed barrier ResultStage"), so the training stage feeds a one-partition
            // shuffle: a killed executor then restarts the stage, which resumes from the checkpoint.
            out = JavaRDD.fromRDD(results, ClassTag$.MODULE$.apply(byte[].class))
                    .repartition(1)
                    .collect()
                    .toArray(new byte[0][]);
        } catch (Exception e) { // Spark throws its checked SparkException without declaring it
            throw failed(e, failures);
        } finally {
            sc.setJobDescription(previous);
        }
        if (out.length != 1) {
            throw new IllegalStateException(
                    "Expected the trained network from worker 0, got " + out.length + " results");
        }
        WorkerOutcome outcome = WorkerOutcome.decode(out[0]);
        if (outcome instanceof WorkerOutcome.Diverged d) {
            throw d.toException();
        }
        if (outcome instanceof WorkerOutcome.Rejected r) {
            int inputSize = spec.inputShape().size();
            int labelWidth = config.loss().labelWidth(spec.outputShape().size());
            throw new RejectedInputException(
                    r.audit().describe(options, inputSize, labelWidth, options.labelClasses(), config.batchSize()),
                    r.audit());
        }
        WorkerOutcome.Trained trained = (WorkerOutcome.Trained) outcome;
        WorkerResult result = trained.result();
        for (EpochStats e : result.history()) {
            LOG.info("spark-nn {}", e);
        }
        return new DistributedTrainingResult(
                spec,
                result.weights(),
                result.state(),
                result.history(),
                result.globalSteps(),
                result.resumedFromEpoch(),
                trained.audit());
    }

    /** The stage's failure with the first real error of a worker as its one-line message. */
    private static RuntimeException failed(Exception e, StageFailures failures) {
        StageFailures.Failure first = failures.first();
        if (first == null) {
            return e instanceof RuntimeException r
                    ? r
                    : new DistributedTrainingException("spark-nn training failed: " + e.getMessage(), e);
        }
        return new DistributedTrainingException(
                "spark-nn training failed on the executors after " + failures.count()
                        + " failed task attempt(s); first error: " + first.oneLine(),
                e);
    }

    private byte[] modelBytes(float[] weights) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            new SavedNetwork(spec, weights, new float[(int) spec.stateSize()], null, null, null).write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ProgressServer startProgress(SparkContext sc, byte[] secret) {
        String host = sc.getConf().get("spark.driver.host", "127.0.0.1");
        try {
            return new ProgressServer(host, secret);
        } catch (IOException e) {
            LOG.warn(
                    "No live progress from the workers: cannot listen on {} ({}). Progress stays in the executor logs.",
                    host,
                    e.toString());
            return null;
        }
    }
}
