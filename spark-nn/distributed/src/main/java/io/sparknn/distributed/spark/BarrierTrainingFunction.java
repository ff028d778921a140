package io.sparknn.distributed.spark;

import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.TrainingWorker;
import io.sparknn.distributed.WorkerResult;
import io.sparknn.distributed.WorkerSettings;
import io.sparknn.distributed.WorkerSettingsCodec;
import io.sparknn.distributed.checkpoint.CheckpointStore;
import io.sparknn.distributed.checkpoint.HadoopCheckpointStore;
import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.RingEncryption;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.sparkio.compat.ScalaCollections;
import io.sparknn.train.TrainingConfig;
import io.sparknn.train.TrainingDivergedException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The body of one barrier task: start meeting the other workers (ONE
 * {@code BarrierTaskContext.allGather} of addresses, in the background), materialise and audit the
 * partition in one pass, join the authenticated TCP ring, exchange the audits over it, and, when
 * the merged audit finds the rows fit to train on, run the {@link TrainingWorker} for the whole
 * run. Worker 0 returns a
 * {@link WorkerOutcome} (the trained network, the divergence that stopped it, or the audit of
 * rows nobody trained on); the others return nothing.
 *
 * <p>Spark ships this function to the executors with Java serialization, as it does every
 * closure; it therefore holds only configuration (the {@link WorkerSettingsCodec} bytes, the run's
 * secret, and the driver's Hadoop overrides only when there is a checkpoint directory), never model
 * objects.
 */
final class BarrierTrainingFunction extends AbstractFunction1<Iterator<InternalRow>, Iterator<byte[]>>
        implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BarrierTrainingFunction.class);

    private final byte[] settings;
    private final boolean weighted;
    private final TrainingRows.FeatureKind featureKind;
    private final boolean featureNulls;
    private final boolean labelArray;
    private final int labelClasses;
    private final String checkpointDir;
    private final long timeoutMillis;
    private final byte[] secret;
    private final HashMap<String, String> hadoopConf;
    private final String progressAddress;
    private final org.apache.spark.broadcast.Broadcast<byte[]> initialModel;
    private final RingEncryption encryption;

    /**
     * @param settings        what every worker is told, checked on the driver; its initial weights
     *                        travel in {@code initialModel}
     * @param hadoopOverrides see {@link HadoopOverrides}; empty without checkpoints
     */
    BarrierTrainingFunction(
            WorkerSettings settings,
            DistributedOptions options,
            TrainingRows.Layout layout,
            boolean weighted,
            byte[] secret,
            Map<String, String> hadoopOverrides,
            String progressAddress,
            org.apache.spark.broadcast.Broadcast<byte[]> initialModel,
            RingEncryption encryption) {
        this.settings = WorkerSettingsCodec.encode(settings);
        this.weighted = weighted;
        this.featureKind = layout.features();
        this.featureNulls = layout.featureNulls();
        this.labelArray = layout.labelArray();
        this.labelClasses = options.labelClasses();
        this.checkpointDir = options.checkpointDir();
        this.timeoutMillis = options.timeout().toMillis();
        this.secret = secret.clone();
        this.hadoopConf = new HashMap<>(hadoopOverrides);
        this.progressAddress = progressAddress;
        this.initialModel = initialModel;
        this.encryption = encryption;
    }

    @Override
    public Iterator<byte[]> apply(Iterator<InternalRow> rows) {
        BarrierTaskContext ctx = BarrierTaskContext.get();
        int rank = ctx.partitionId();
        int workers = ctx.getTaskInfos().length;
        // Spark answers the address exchange on a one-second poll: start it now, while the rows are read.
        try (Rendezvous rendezvous = Rendezvous.start(ctx)) {
            return run(ctx, rank, workers, rendezvous, rows);
        }
    }

    private Iterator<byte[]> run(
            BarrierTaskContext ctx, int rank, int workers, Rendezvous rendezvous, Iterator<InternalRow> rows) {
        Backends.getDefault(); // load MKL (seconds on a fresh executor) before the workers meet
        WorkerSettings settings = WorkerSettingsCodec.decode(this.settings, initialWeights());
        NetworkSpec spec = settings.spec();
        TrainingConfig cfg = settings.training();
        int labelWidth = cfg.loss().labelWidth(spec.outputShape().size());
        InputAudit audit = new InputAudit(rank, workers);
        RowMaterializer data = new RowMaterializer(
                new TrainingRows.Layout(featureKind, featureNulls, labelArray),
                spec.inputShape(),
                labelWidth,
                weighted,
                featureBudgetBytes(),
                spillDir(),
                audit);
        data.addAll(ScalaCollections.asJava(rows));
        LabeledSamples train = data.train();
        LabeledSamples validation = data.validation();
        if (data.spilled()) {
            LOG.info(
                    "spark-nn worker {}: features beyond {} MiB are memory-mapped from a spill file in {} " + "({}={})",
                    rank,
                    featureBudgetBytes() >> 20,
                    spillDir(),
                    FEATURE_MEMORY,
                    featureBudgetBytes());
        }
        LOG.info(
                "spark-nn worker {} of {} (stage attempt {}): {} training rows, {} validation rows",
                rank,
                workers,
                ctx.stageAttemptNumber(),
                train.size(),
                validation == null ? 0 : validation.size());

        CheckpointStore store = checkpointDir == null
                ? null
                : new HadoopCheckpointStore(checkpointDir, HadoopOverrides.apply(hadoopConf, sparkConf()), 2);
        WorkerOutcome outcome;
        try (Collective collective = rendezvous.connect(secret, Duration.ofMillis(timeoutMillis), encryption)) {
            InputAudit all = InputAudit.exchange(collective, audit);
            if (!all.acceptable(spec.inputShape().size(), labelWidth, labelClasses, cfg.batchSize())) {
                // Every worker holds the same merged audit, so all of them stop here, before the first step.
                LOG.warn("spark-nn worker {}: the input rows fail the checks; nothing is trained", rank);
                outcome = new WorkerOutcome.Rejected(all);
            } else {
                outcome = train(collective, settings, cfg, rank, train, validation, store, all);
            }
        } catch (TrainingDivergedException e) {
            // Every worker sees the non-finite sum at the same step and stops here, so the stage
            // ends normally and the driver reports the divergence once, instead of Spark retrying
            // a stage that would diverge again at the same step.
            LOG.warn("spark-nn worker {}: {}", rank, e.getMessage());
            outcome = new WorkerOutcome.Diverged(e.getMessage(), e.epoch(), e.globalStep());
        }
        List<byte[]> out = rank == 0 ? List.of(WorkerOutcome.encode(outcome)) : List.of();
        return ScalaCollections.asScala(out.iterator());
    }

    private WorkerOutcome train(
            Collective collective,
            WorkerSettings settings,
            TrainingConfig cfg,
            int rank,
            LabeledSamples train,
            LabeledSamples validation,
            CheckpointStore store,
            InputAudit audit) {
        try (ProgressClient progress = rank == 0 ? new ProgressClient(progressAddress, secret, cfg.epochs()) : null) {
            WorkerResult result = new TrainingWorker(
                            settings, Backends.getDefault(), collective, train, validation, store, progress)
                    .overlapCommunication(overlapCommunication())
                    .run();
            return new WorkerOutcome.Trained(result, audit);
        }
    }

    private float[] initialWeights() {
        if (initialModel == null) {
            return null;
        }
        try {
            return SavedNetwork.read(new java.io.ByteArrayInputStream(initialModel.value()), "initial model")
                    .weights();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read the initial model broadcast by the driver: " + e.getMessage(), e);
        }
    }

    /** Number of Hadoop settings this function carries, for tests. */
    int hadoopSettings() {
        return hadoopConf.size();
    }

    private static org.apache.spark.SparkConf sparkConf() {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        return env == null ? null : env.conf();
    }

    /**
     * Spark setting: reduce gradients in buckets on a communication thread during the backward pass
     * (default false). The weights are the same bits either way. It pays only where that thread has
     * a core of its own or waits on a real network: with every core computing and the ring on
     * loopback (2 workers on 2 cores) an epoch of the seed-000 MLP took 0.99-1.03 s with it and
     * 0.81-0.84 s without.
     */
    static final String OVERLAP = "spark.sparknn.worker.overlapCommunication";

    private static boolean overlapCommunication() {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        return env != null && env.conf().getBoolean(OVERLAP, false);
    }

    /** Spark setting: feature bytes a worker keeps on the heap before spilling to local disk. */
    static final String FEATURE_MEMORY = "spark.sparknn.worker.featureMemory";

    /**
     * {@value #FEATURE_MEMORY}, default 25% of the executor heap: the rest is Spark's (the shuffle's
     * sort of the incoming rows holds its last run while the worker reads them), the network's, and
     * room for the one copy a growing block needs.
     */
    private static long featureBudgetBytes() {
        long dflt = (long) (Runtime.getRuntime().maxMemory() * 0.25);
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        return env == null ? dflt : env.conf().getSizeAsBytes(FEATURE_MEMORY, Long.toString(dflt));
    }

    /** The executor's first local directory (spark.local.dir), where Spark spills too. */
    private static java.nio.file.Path spillDir() {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        if (env != null) {
            java.io.File[] dirs = env.blockManager().diskBlockManager().localDirs();
            if (dirs.length > 0) {
                return dirs[0].toPath();
            }
        }
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    }
}
