"""The spark-nn regressor and its model as pyspark.ml stages."""

from typing import Any, List, Optional

from pyspark import keyword_only
from pyspark.ml.regression import _JavaRegressionModel, _JavaRegressor
from pyspark.ml.util import JavaMLWritable

from sparknn.java_stages import SparkNNReadable, new_jvm_stage
from sparknn.model_base import NeuralNetworkModel
from sparknn.params import TrainingParams

__all__ = ["NeuralNetworkRegressor", "NeuralNetworkRegressionModel"]


class NeuralNetworkRegressor(_JavaRegressor, TrainingParams, JavaMLWritable, SparkNNReadable):
    """A neural-network regressor (mean squared error), trained like ``NeuralNetworkClassifier``
    (JVM class io.sparknn.ml.regression.NeuralNetworkRegressor). A network with k > 1 outputs
    takes an array label column of k numbers and predicts a vector.
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
    ) -> "NeuralNetworkRegressor":
        """Sets the params given as keywords (the same keywords as the constructor)."""
        return self._set(**self._input_kwargs)

    def _create_model(self, java_model):
        return NeuralNetworkRegressionModel(java_model)


class NeuralNetworkRegressionModel(_JavaRegressionModel, NeuralNetworkModel):
    """A fitted neural-network regressor (io.sparknn.ml.regression.NeuralNetworkRegressionModel)."""

    def __init__(self, java_model=None):
        super().__init__(java_model)
