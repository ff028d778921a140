"""The spark-nn classifier and its model as pyspark.ml stages."""

from typing import Any, List, Optional

from pyspark import keyword_only
from pyspark.ml.classification import _JavaProbabilisticClassificationModel, _JavaProbabilisticClassifier
from pyspark.ml.util import JavaMLWritable

from sparknn.java_stages import SparkNNReadable, new_jvm_stage
from sparknn.model_base import NeuralNetworkModel
from sparknn.params import TrainingParams

__all__ = ["NeuralNetworkClassifier", "NeuralNetworkClassificationModel"]


class NeuralNetworkClassifier(_JavaProbabilisticClassifier, TrainingParams, JavaMLWritable, SparkNNReadable):
    """A neural-network classifier, trained with synchronous data-parallel SGD on ``numWorkers``
    Spark barrier tasks (JVM class io.sparknn.ml.classification.NeuralNetworkClassifier).

    The network must end in softmax over k units (k classes) or in one sigmoid unit (2 classes);
    labels are class indices 0..k-1. The model appends rawPrediction, probability and prediction
    like pyspark.ml's probabilistic classifiers.

    >>> from sparknn import NeuralNetworkClassifier, Sequential
    >>> from sparknn.layers import Dense
    >>> net = Sequential([Dense(128, activation="relu"), Dense(10, activation="softmax")], input_shape=(784,))
    >>> nn = NeuralNetworkClassifier(network=net, maxEpochs=10, batchSize=32, numWorkers=2)  # doctest: +SKIP
    >>> model = nn.fit(train_df)  # doctest: +SKIP
    """

    # Set before __init__ runs, so that PySpark's __del__ finds it when a bad keyword stops __init__.
    _java_obj = None

    @keyword_only
    def __init__(
        self,
        *,
        featuresCol: str = "features",
        labelCol: str = "label",
        predictionCol: str = "prediction",
        probabilityCol: str = "probability",
        rawPredictionCol: str = "rawPrediction",
        thresholds: Optional[List[float]] = None,
        network: Any = "",
        optimizer: Any = "adam",
        learningRate: float = 1e-3,
        batchSize: int = 32,
        maxEpochs: int = 10,
        validationFraction: float = 0.0,
        validationIndicatorCol: str = "",
        earlyStoppingPatience: int = 0,
        seed: int = 0,
        numWorkers: int = 1,
        threadsPerWorker: int = 1,
        checkpointDir: str = "",
        checkpointInterval: int = 1,
        initialModelPath: str = "",
        frozenLayers: Optional[List[int]] = None,
        weightCol: str = "",
        gradientClipNorm: float = 0.0,
        provenance: Any = "{}",
        tensorboardDir: str = "",
    ):
        super().__init__()
        self._java_obj = new_jvm_stage(type(self), self.uid)
        self.setParams(**self._input_kwargs)

    @keyword_only
    def setParams(
        self,
        *,
        featuresCol: str = "features",
        labelCol: str = "label",
        predictionCol: str = "prediction",
        probabilityCol: str = "probability",
        rawPredictionCol: str = "rawPrediction",
        thresholds: Optional[List[float]] = None,
        network: Any = "",
        optimizer: Any = "adam",
        learningRate: float = 1e-3,
        batchSize: int = 32,
        maxEpochs: int = 10,
        validationFraction: float = 0.0,
        validationIndicatorCol: str = "",
        earlyStoppingPatience: int = 0,
        seed: int = 0,
        numWorkers: int = 1,
        threadsPerWorker: int = 1,
        checkpointDir: str = "",
        checkpointInterval: int = 1,
        initialModelPath: str = "",
        frozenLayers: Optional[List[int]] = None,
        weightCol: str = "",
        gradientClipNorm: float = 0.0,
        provenance: Any = "{}",
        tensorboardDir: str = "",
    ) -> "NeuralNetworkClassifier":
        """Sets the params given as keywords (the same keywords as the constructor)."""
        return self._set(**self._input_kwargs)

    def _create_model(self, java_model):
        return NeuralNetworkClassificationModel(java_model)


class NeuralNetworkClassificationModel(_JavaProbabilisticClassificationModel, NeuralNetworkModel):
    """A fitted neural-network classifier (io.sparknn.ml.classification.NeuralNetworkClassificationModel).

    ``transform`` appends rawPredictionCol (logits), probabilityCol and predictionCol, scoring in
    mini-batches of ``inferenceBatchSize`` rows.
    """

    def __init__(self, java_model=None):
        super().__init__(java_model)
