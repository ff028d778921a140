package io.sparknn.ml.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparknn.distributed.spark.DistributedOptions;
import io.sparknn.distributed.spark.DistributedTrainer;
import io.sparknn.distributed.spark.DistributedTrainingResult;
import io.sparknn.distributed.spark.InputAudit;
import io.sparknn.distributed.spark.RejectedInputException;
import io.sparknn.loss.Loss;
import io.sparknn.ml.LearnedNetwork;
import io.sparknn.ml.TrainingSummary;
import io.sparknn.ml.inference.BatchSizeLimit;
import io.sparknn.ml.persistence.HadoopModelFile;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.optim.Optimizer;
import io.sparknn.optim.Optimizers;
import io.sparknn.train.TrainingConfig;
import io.sparknn.train.TrainingDivergedException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The common part of the estimators' {@code fit}: check params and the schema on the driver, pass
 * the validation rows on (a {@code validationIndicatorCol} as the flag it is, a
 * {@code validationFraction} as a seeded split), train with the {@link DistributedTrainer} (whose
 * workers check every value as they read the rows, before the first step), and package the
 * result. No job reads the input before the training stage.
 */
public final class NetworkFitter {
    private NetworkFitter() {}

    /** The network param, parsed; errors say how to set it. */
    public static NetworkSpec network(HasTrainingParams<?> p) {
        String json = p.getNetwork();
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("The network param is not set. Call setNetwork(NetworkSpec) or "
                    + "setNetwork(json) with e.g. {\"inputShape\":[784],\"layers\":[{\"type\":\"Dense\",\"units\":10,"
                    + "\"activation\":\"softmax\"}]}.");
        }
        try {
            return NetworkSpec.fromJson(json);
        } catch (InvalidNetworkException e) {
            throw new IllegalArgumentException("The network param is not a valid network: " + e.getMessage(), e);
        }
    }

    /**
     * Trains after all checks.
     *
     * @param spec         the network param as parsed once by the caller ({@link #network})
     * @param checkTargets called with the validated facts, to compare labels and network outputs
     */
    public static LearnedNetwork fit(
            Dataset<?> dataset,
            HasTrainingParams<?> p,
            NetworkSpec spec,
            String featuresCol,
            String labelCol,
            InputValidator.Task task,
            Loss loss,
            java.util.function.BiConsumer<NetworkSpec, InputValidator.Facts> checkTargets) {
        Optimizer optimizer = optimizer(p.getOptimizer());
        int[] frozen = frozenRanges(spec, p.getFrozenLayers());
        InputValidator validator = new InputValidator(
                featuresCol,
                labelCol,
                p.getWeightCol(),
                p.getValidationIndicatorCol(),
                spec.inputShape().size(),
                task);
        InputValidator.checkSchema(
                dataset.schema(), featuresCol, labelCol, p.getWeightCol(), p.getValidationIndicatorCol(), task);
        float[] initial = initialWeights(dataset, p.getInitialModelPath(), spec);

        Dataset<Row> df = dataset.toDF();
        Dataset<Row> train = df;
        Dataset<Row> validation = null;
        // Rows marked by the indicator stay in one frame; the workers split them by the flag.
        String indicator = p.getValidationIndicatorCol();
        if (indicator.isEmpty() && p.getValidationFraction() > 0) {
            Dataset<Row>[] parts = df.randomSplit(
                    new double[] {1 - p.getValidationFraction(), p.getValidationFraction()}, p.getSeed());
            train = parts[0];
            validation = parts[1];
        }
        boolean validated = validation != null || !indicator.isEmpty();
        BatchSizeLimit.check("batchSize", p.getBatchSize(), spec);
        if (p.getEarlyStoppingPatience() > 0 && !validated) {
            throw new IllegalArgumentException(
                    "earlyStoppingPatience needs validation data: set validationFraction > 0 "
                            + "or validationIndicatorCol.");
        }

        TrainingConfig cfg = TrainingConfig.builder()
                .loss(loss)
                .optimizer(optimizer)
                .learningRate((float) p.getLearningRate())
                .batchSize(p.getBatchSize())
                .epochs(p.getMaxEpochs())
                .seed(p.getSeed())
                .clipNorm(p.getGradientClipNorm())
                .threads(p.getThreadsPerWorker())
                .build();
        String weight = p.getWeightCol().isEmpty() ? null : p.getWeightCol();
        int outputs = spec.outputShape().size();
        DistributedOptions options = DistributedOptions.workers(p.getNumWorkers())
                .withColumns(featuresCol, labelCol, weight)
                .withLabelClasses(task == InputValidator.Task.CLASSIFICATION ? Math.max(outputs, 2) : 0)
                .withCheckpoints(
                        p.getCheckpointDir().isEmpty() ? null : p.getCheckpointDir(), p.getCheckpointInterval(), 0)
                .withFineTuning(new DistributedOptions.FineTuning(initial, frozen, p.getEarlyStoppingPatience()));
        DistributedTrainingResult r;
        try (TensorBoardFit tensorboard = TensorBoardFit.open(
                dataset.sparkSession().sparkContext().hadoopConfiguration(), p.getTensorboardDir(), p.uid())) {
            DistributedTrainer trainer = new DistributedTrainer(spec, cfg, options);
            r = indicator.isEmpty() ? trainer.fit(train, validation) : trainer.fitFlagged(df, indicator);
            if (tensorboard != null) {
                tensorboard.write(r.history());
            }
        } catch (RejectedInputException e) {
            throw explain(e, validator, dataset, spec, checkTargets, p.getBatchSize());
        } catch (TrainingDivergedException e) {
            throw e; // reported by the workers' outcome, on the driver
        } catch (Exception e) {
            // A divergence that still failed the stage (e.g. a worker that diverged alone) arrives
            // wrapped in Spark's task-failure exception; surface it as itself.
            TrainingDivergedException diverged = TrainingDivergedException.findIn(e);
            if (diverged != null) {
                throw new TrainingDivergedException(diverged, e);
            }
            throw e;
        }
        checkTargets.accept(spec, InputValidator.facts(r.input())); // warnings only: the workers checked the labels
        return new LearnedNetwork(
                spec, r.weights(), r.state(), new TrainingSummary(r.history(), provenance(p.getProvenance())));
    }

    /**
     * The workers rejected the rows: the first problem, with the offending row named where a value
     * is at fault, in the order the checks always ran (values, then labels against the network's
     * outputs, then the batch, then the spread over the workers).
     */
    private static RuntimeException explain(
            RejectedInputException e,
            InputValidator validator,
            Dataset<?> dataset,
            NetworkSpec spec,
            java.util.function.BiConsumer<NetworkSpec, InputValidator.Facts> checkTargets,
            int batchSize) {
        InputAudit audit = e.audit();
        try {
            checkTargets.accept(spec, validator.explain(dataset, audit));
        } catch (IllegalArgumentException precise) {
            if (precise.getCause() == null) {
                precise.initCause(e); // the workers' rejection, with its audit
            }
            return precise;
        }
        if (batchSize > audit.trainRows()) {
            return new IllegalArgumentException(
                    "batchSize " + batchSize + " is larger than the " + audit.trainRows()
                            + " training rows. Lower batchSize or train on more data.",
                    e);
        }
        return e; // the trainer's own account (e.g. a worker without training rows)
    }

    private static Optimizer optimizer(String value) {
        try {
            return value.trim().startsWith("{") ? Optimizers.fromJson(value) : Optimizers.byName(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "The optimizer param '" + value + "' is not valid: " + e.getMessage(), e);
        }
    }

    private static int[] frozenRanges(NetworkSpec spec, int[] layers) {
        for (int l : layers) {
            if (l < 0 || l >= spec.layers().size()) {
                throw new IllegalArgumentException("frozenLayers names layer " + l + " but the network has layers 0.."
                        + (spec.layers().size() - 1) + ". Give indices of NetworkSpec layers.");
            }
        }
        return spec.paramRangesOfLayers(layers);
    }

    private static float[] initialWeights(Dataset<?> dataset, String path, NetworkSpec spec) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        SavedNetwork saved;
        try {
            saved = HadoopModelFile.readModelOrPipeline(
                    path, dataset.sparkSession().sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new IllegalArgumentException("initialModelPath " + path + " cannot be read: " + e.getMessage(), e);
        }
        if (!saved.spec().equals(spec)) {
            throw new IllegalArgumentException("initialModelPath " + path + " holds a different network ("
                    + saved.spec().toJson() + ") than the network param (" + spec.toJson()
                    + "). Fine-tuning needs the same network.");
        }
        return saved.weights();
    }

    private static Map<String, String> provenance(String json) {
        Map<String, String> m = new HashMap<>();
        try {
            JsonNode node = new ObjectMapper().readTree(json == null || json.isBlank() ? "{}" : json);
            // properties(), not fields(): Jackson 2.20 (the Spark 4.1 line) deprecates fields().
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                m.put(
                        e.getKey(),
                        e.getValue().isTextual()
                                ? e.getValue().asText()
                                : e.getValue().toString());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("The provenance param is not a JSON object: " + json, e);
        }
        return m;
    }
}
