"""spark-nn for Python: Keras-style networks and the spark-nn estimators as pyspark.ml stages.

``sparknn.Sequential`` and ``sparknn.layers`` need only Python. The estimators, models and job
functions need pyspark and the spark-nn jar on the Spark classpath (``spark.jars``). Importing
this package with pyspark present also lets PySpark load saved spark-nn stages
(``PipelineModel.load``): see ``sparknn.java_stages``.
"""

from sparknn.network import Sequential

__version__ = "0.1.0.dev0"
__all__ = ["Sequential", "__version__"]

_NEEDS_PYSPARK = (
    "NeuralNetworkClassifier",
    "NeuralNetworkClassificationModel",
    "NeuralNetworkRegressor",
    "NeuralNetworkRegressionModel",
)

try:
    import pyspark  # noqa: F401  (optional: layers and Sequential work without it)
except ImportError:
    pyspark = None

if pyspark is not None:
    from sparknn import java_stages
    from sparknn.classification import NeuralNetworkClassificationModel, NeuralNetworkClassifier  # noqa: F401
    from sparknn.regression import NeuralNetworkRegressionModel, NeuralNetworkRegressor  # noqa: F401

    java_stages.install()
    __all__ += list(_NEEDS_PYSPARK)
else:

    def __getattr__(name):
        if name in _NEEDS_PYSPARK:
            raise ImportError(
                "sparknn.%s needs pyspark, which is not importable here. Run it where pyspark is installed "
                "(a Databricks cluster, spark-submit, or PYTHONPATH pointing at a Spark distribution's python/)." % name
            )
        raise AttributeError("module 'sparknn' has no attribute %r" % name)
