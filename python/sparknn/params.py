"""The Params of the spark-nn stages, declared once with the JVM stages' names, docs and defaults.

``TrainingParams`` mirrors the estimators' training params (io.sparknn.ml.training.TrainingParamSet),
``ScoringParams`` the fitted models' scoring params (io.sparknn.ml.FittedNetwork). The column
params (featuresCol, labelCol, predictionCol, ...) come from pyspark.ml's own Predictor classes,
as on the JVM.
"""

import json

from pyspark.ml.param import Param, Params, TypeConverters

__all__ = ["TrainingParams", "ScoringParams", "to_network_json", "to_json_object"]


def to_network_json(value):
    """A ``Sequential`` (or anything with ``to_json()``) or its JSON string, as the network JSON."""
    if hasattr(value, "to_json") and callable(value.to_json):
        return value.to_json()
    if isinstance(value, str):
        return value
    raise TypeError(
        "network must be a sparknn.Sequential or its JSON string (Sequential(...).to_json()), got %s."
        % type(value).__name__
    )


def to_json_object(value):
    """A dict (written as JSON) or a string, for params that take a name or a JSON object."""
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"))
    if isinstance(value, str):
        return value
    raise TypeError("Expected a string or a dict (written as JSON), got %s." % type(value).__name__)


def _param(name, doc, converter):
    return Param(Params._dummy(), name, doc, typeConverter=converter)


class TrainingParams(Params):
    """The training params of NeuralNetworkClassifier and NeuralNetworkRegressor."""

    network = _param(
        "network",
        'the network as NetworkSpec JSON ({"inputShape":[...],"layers":[...]})',
        to_network_json,
    )
    optimizer = _param(
        "optimizer",
        "optimizer name (sgd, adam, adamw, rmsprop, adagrad) or its JSON with settings, "
        'e.g. {"name":"adam","beta1":0.9}',
        to_json_object,
    )
    learningRate = _param("learningRate", "learning rate (> 0)", TypeConverters.toFloat)
    batchSize = _param("batchSize", "global mini-batch size, split across workers (> 0)", TypeConverters.toInt)
    maxEpochs = _param("maxEpochs", "number of passes over the training data (> 0)", TypeConverters.toInt)
    validationFraction = _param(
        "validationFraction",
        "fraction of rows held out for validation metrics and early stopping, in [0, 1); "
        "ignored when validationIndicatorCol is set",
        TypeConverters.toFloat,
    )
    validationIndicatorCol = _param(
        "validationIndicatorCol",
        "boolean column marking validation rows (empty = use validationFraction)",
        TypeConverters.toString,
    )
    earlyStoppingPatience = _param(
        "earlyStoppingPatience",
        "stop after this many epochs without a lower validation loss and keep the best weights (0 = off)",
        TypeConverters.toInt,
    )
    seed = _param(
        "seed", "random seed of initialisation, shuffling, dropout and the validation split", TypeConverters.toInt
    )
    numWorkers = _param("numWorkers", "Spark barrier tasks training in parallel (> 0)", TypeConverters.toInt)
    threadsPerWorker = _param("threadsPerWorker", "math threads (and task CPUs) per worker (> 0)", TypeConverters.toInt)
    checkpointDir = _param(
        "checkpointDir",
        "Hadoop FileSystem directory for checkpoints; a rerun with the same directory resumes "
        "(empty = no checkpoints)",
        TypeConverters.toString,
    )
    checkpointInterval = _param("checkpointInterval", "checkpoint every N epochs (> 0)", TypeConverters.toInt)
    initialModelPath = _param(
        "initialModelPath",
        "saved model (or PipelineModel with one spark-nn stage) of the same network to start from, for "
        "fine-tuning (empty = fresh weights)",
        TypeConverters.toString,
    )
    frozenLayers = _param(
        "frozenLayers", "indices of network layers whose weights stay fixed", TypeConverters.toListInt
    )
    weightCol = _param(
        "weightCol", "per-row weight column, non-negative (empty = all rows weigh 1)", TypeConverters.toString
    )
    gradientClipNorm = _param(
        "gradientClipNorm", "clip gradients to this global L2 norm (0 = off)", TypeConverters.toFloat
    )
    provenance = _param(
        "provenance",
        "JSON object describing the training data (e.g. Delta table path and version), stored with the model",
        to_json_object,
    )
    tensorboardDir = _param(
        "tensorboardDir",
        "Hadoop FileSystem directory for TensorBoard event files: each fit writes its epochs' "
        "scalars into a new run subfolder (empty = none)",
        TypeConverters.toString,
    )

    # The JVM defaults (TrainingParamSet); tests/spark/test_params.py compares them with the JVM's.
    DEFAULTS = dict(
        network="",
        optimizer="adam",
        learningRate=1e-3,
        batchSize=32,
        maxEpochs=10,
        validationFraction=0.0,
        validationIndicatorCol="",
        earlyStoppingPatience=0,
        seed=0,
        numWorkers=1,
        threadsPerWorker=1,
        checkpointDir="",
        checkpointInterval=1,
        initialModelPath="",
        frozenLayers=[],
        weightCol="",
        gradientClipNorm=0.0,
        provenance="{}",
        tensorboardDir="",
    )

    def __init__(self, *args):
        super().__init__(*args)
        self._setDefault(**self.DEFAULTS)

    def getNetwork(self):
        """The network JSON."""
        return self.getOrDefault(self.network)

    def setNetwork(self, value):
        """Sets the network: a ``sparknn.Sequential`` or its JSON string."""
        return self._set(network=value)

    def getOptimizer(self):
        return self.getOrDefault(self.optimizer)

    def setOptimizer(self, value):
        """Sets the optimizer: a name, or its settings as a dict or JSON string."""
        return self._set(optimizer=value)

    def getLearningRate(self):
        return self.getOrDefault(self.learningRate)

    def setLearningRate(self, value):
        return self._set(learningRate=value)

    def getBatchSize(self):
        return self.getOrDefault(self.batchSize)

    def setBatchSize(self, value):
        return self._set(batchSize=value)

    def getMaxEpochs(self):
        return self.getOrDefault(self.maxEpochs)

    def setMaxEpochs(self, value):
        return self._set(maxEpochs=value)

    def getValidationFraction(self):
        return self.getOrDefault(self.validationFraction)

    def setValidationFraction(self, value):
        return self._set(validationFraction=value)

    def getValidationIndicatorCol(self):
        return self.getOrDefault(self.validationIndicatorCol)

    def setValidationIndicatorCol(self, value):
        return self._set(validationIndicatorCol=value)

    def getEarlyStoppingPatience(self):
        return self.getOrDefault(self.earlyStoppingPatience)

    def setEarlyStoppingPatience(self, value):
        return self._set(earlyStoppingPatience=value)

    def getSeed(self):
        return self.getOrDefault(self.seed)

    def setSeed(self, value):
        return self._set(seed=value)

    def getNumWorkers(self):
        return self.getOrDefault(self.numWorkers)

    def setNumWorkers(self, value):
        return self._set(numWorkers=value)

    def getThreadsPerWorker(self):
        return self.getOrDefault(self.threadsPerWorker)

    def setThreadsPerWorker(self, value):
        return self._set(threadsPerWorker=value)

    def getCheckpointDir(self):
        return self.getOrDefault(self.checkpointDir)

    def setCheckpointDir(self, value):
        return self._set(checkpointDir=value)

    def getCheckpointInterval(self):
        return self.getOrDefault(self.checkpointInterval)

    def setCheckpointInterval(self, value):
        return self._set(checkpointInterval=value)

    def getInitialModelPath(self):
        return self.getOrDefault(self.initialModelPath)

    def setInitialModelPath(self, value):
        return self._set(initialModelPath=value)

    def getFrozenLayers(self):
        return self.getOrDefault(self.frozenLayers)

    def setFrozenLayers(self, value):
        return self._set(frozenLayers=value)

    def getWeightCol(self):
        return self.getOrDefault(self.weightCol)

    def setWeightCol(self, value):
        return self._set(weightCol=value)

    def getGradientClipNorm(self):
        return self.getOrDefault(self.gradientClipNorm)

    def setGradientClipNorm(self, value):
        return self._set(gradientClipNorm=value)

    def getProvenance(self):
        return self.getOrDefault(self.provenance)

    def setProvenance(self, value):
        """Sets the provenance: a dict of strings, or its JSON string."""
        return self._set(provenance=value)

    def getTensorboardDir(self):
        return self.getOrDefault(self.tensorboardDir)

    def setTensorboardDir(self, value):
        return self._set(tensorboardDir=value)


class ScoringParams(Params):
    """The scoring params every fitted spark-nn model has."""

    inferenceBatchSize = _param(
        "inferenceBatchSize", "rows scored together in one batch of GEMMs by transform (> 0)", TypeConverters.toInt
    )
    nonFiniteOutput = _param(
        "nonFiniteOutput",
        "what transform does with a row whose network output is NaN or infinite: 'error' (default) "
        "fails naming the row, 'null' gives the row null prediction columns",
        TypeConverters.toString,
    )

    DEFAULTS = dict(inferenceBatchSize=512, nonFiniteOutput="error")

    def __init__(self, *args):
        super().__init__(*args)
        self._setDefault(**self.DEFAULTS)

    def getInferenceBatchSize(self):
        return self.getOrDefault(self.inferenceBatchSize)

    def setInferenceBatchSize(self, value):
        return self._set(inferenceBatchSize=value)

    def getNonFiniteOutput(self):
        return self.getOrDefault(self.nonFiniteOutput)

    def setNonFiniteOutput(self, value):
        return self._set(nonFiniteOutput=value)
