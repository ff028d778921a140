"""spark-nn for Python: Keras-style networks and the spark-nn estimators as pyspark.ml stages."""

from sparknn.network import Sequential

__version__ = "0.1.0.dev0"
__all__ = ["Sequential", "__version__"]
