"""What the fitted spark-nn models share on top of their pyspark.ml base classes."""

from sparknn.java_stages import SparkNNReadable
from sparknn.params import ScoringParams
from sparknn.summary import TrainingSummary
from pyspark.ml.util import JavaMLWritable

__all__ = ["NeuralNetworkModel"]


class NeuralNetworkModel(ScoringParams, JavaMLWritable, SparkNNReadable):
    """The scoring params, the network and the training summary of a fitted model."""

    @property
    def network(self):
        """The network JSON the model was trained with (``NetworkSpec`` JSON)."""
        return self._java_obj.network().toJson()

    @property
    def summary(self):
        """The training summary: ``summary.history`` (pandas, one row per epoch), ``summary.provenance``."""
        return TrainingSummary(self._java_obj.summary())

    @property
    def numParams(self):
        """The number of trainable parameters of the network."""
        return int(self._java_obj.network().paramCount())
