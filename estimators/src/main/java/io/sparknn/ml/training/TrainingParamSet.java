package io.sparknn.ml.training;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The training params shared by the estimators, created for one owning stage, each with a doc,
 * a validator and one default. Exposed through {@link HasTrainingParams}.
 */
public final class TrainingParamSet {
    final Param<String> network;
    final Param<String> optimizer;
    final DoubleParam learningRate;
    final IntParam batchSize;
    final IntParam maxEpochs;
    final DoubleParam validationFraction;
    final Param<String> validationIndicatorCol;
    final IntParam earlyStoppingPatience;
    final LongParam seed;
    final IntParam numWorkers;
    final IntParam threadsPerWorker;
    final Param<String> checkpointDir;
    final IntParam checkpointInterval;
    final Param<String> initialModelPath;
    final IntArrayParam frozenLayers;
    final Param<String> weightCol;
    final DoubleParam gradientClipNorm;
    final Param<String> provenance;
    final Param<String> tensorboardDir;

    public TrainingParamSet(Params owner) {
        network = new Param<>(
                owner, "network", "the network as NetworkSpec JSON ({\"inputShape\":[...],\"layers\":[...]})");
        optimizer = new Param<>(
                owner,
                "optimizer",
                "optimizer name (sgd, adam, adamw, rmsprop, adagrad) or its JSON "
                        + "with settings, e.g. {\"name\":\"adam\",\"beta1\":0.9}");
        learningRate = new DoubleParam(owner, "learningRate", "learning rate (> 0)", ParamValidators.gt(0));
        batchSize = new IntParam(
                owner, "batchSize", "global mini-batch size, split across workers (> 0)", ParamValidators.gt(0));
        maxEpochs = new IntParam(
                owner, "maxEpochs", "number of passes over the training data (> 0)", ParamValidators.gt(0));
        validationFraction = new DoubleParam(
                owner,
                "validationFraction",
                "fraction of rows held out for validation "
                        + "metrics and early stopping, in [0, 1); ignored when validationIndicatorCol is set",
                ParamValidators.inRange(0, 1, true, false));
        validationIndicatorCol = new Param<>(
                owner,
                "validationIndicatorCol",
                "boolean column marking validation rows (empty = use validationFraction)");
        earlyStoppingPatience = new IntParam(
                owner,
                "earlyStoppingPatience",
                "stop after this many epochs without a " + "lower validation loss and keep the best weights (0 = off)",
                ParamValidators.gtEq(0));
        seed = new LongParam(
                owner, "seed", "random seed of initialisation, shuffling, dropout and the validation split");
        numWorkers = new IntParam(
                owner, "numWorkers", "Spark barrier tasks training in parallel (> 0)", ParamValidators.gt(0));
        threadsPerWorker = new IntParam(
                owner, "threadsPerWorker", "math threads (and task CPUs) per worker (> 0)", ParamValidators.gt(0));
        checkpointDir = new Param<>(
                owner,
                "checkpointDir",
                "Hadoop FileSystem directory for checkpoints; a rerun "
                        + "with the same directory resumes (empty = no checkpoints)");
        checkpointInterval =
                new IntParam(owner, "checkpointInterval", "checkpoint every N epochs (> 0)", ParamValidators.gt(0));
        initialModelPath = new Param<>(
                owner,
                "initialModelPath",
                "saved model (or PipelineModel with one spark-nn stage) of the same network to start from, "
                        + "for fine-tuning (empty = fresh weights)");
        frozenLayers = new IntArrayParam(owner, "frozenLayers", "indices of network layers whose weights stay fixed");
        weightCol = new Param<>(owner, "weightCol", "per-row weight column, non-negative (empty = all rows weigh 1)");
        gradientClipNorm = new DoubleParam(
                owner, "gradientClipNorm", "clip gradients to this global L2 norm (0 = off)", ParamValidators.gtEq(0));
        provenance = new Param<>(
                owner,
                "provenance",
                "JSON object describing the training data (e.g. Delta table "
                        + "path and version), stored with the model");
        tensorboardDir = new Param<>(
                owner,
                "tensorboardDir",
                "Hadoop FileSystem directory for TensorBoard event files: each fit writes its epochs' "
                        + "scalars into a new run subfolder (empty = none)");

        owner.setDefault(network, "");
        owner.setDefault(optimizer, "adam");
        owner.setDefault(learningRate, 1e-3);
        owner.setDefault(batchSize, 32);
        owner.setDefault(maxEpochs, 10);
        owner.setDefault(validationFraction, 0.0);
        owner.setDefault(validationIndicatorCol, "");
        owner.setDefault(earlyStoppingPatience, 0);
        owner.setDefault(seed, 0L);
        owner.setDefault(numWorkers, 1);
        owner.setDefault(threadsPerWorker, 1);
        owner.setDefault(checkpointDir, "");
        owner.setDefault(checkpointInterval, 1);
        owner.setDefault(initialModelPath, "");
        owner.setDefault(frozenLayers, new int[0]);
        owner.setDefault(weightCol, "");
        owner.setDefault(gradientClipNorm, 0.0);
        owner.setDefault(provenance, "{}");
        owner.setDefault(tensorboardDir, "");
    }
}
