"""How PySpark finds the Python class of a spark-nn stage read from the JVM.

PySpark turns a JVM stage's class name into a Python module by replacing ``org.apache.spark``
with ``pyspark`` (``JavaParams._from_java``) and a Python class into a JVM class the other way
round (``JavaMLReader``). ``io.sparknn...`` cannot map like that: ``io`` is a standard-library
module. So spark-nn maps its own prefix, and only that:

* JVM ``io.sparknn.ml.<package>.<Class>`` <-> Python ``sparknn.<package>.<Class>``;
* ``install()`` (run by ``import sparknn``) wraps ``JavaParams._from_java`` and
  ``DefaultParamsReader.loadParamsInstance`` once: a stage whose class name starts with
  ``io.sparknn.`` gets its sparknn class, every other stage goes to PySpark's own code unchanged.
  This is what ``PipelineModel.load``, ``CrossValidatorModel.load`` and MLflow's Spark flavour
  go through.
* ``SparkNNReadable`` gives the sparknn classes a reader that asks the JVM for the right class.
"""

import importlib

from pyspark.ml.util import DefaultParamsReader, JavaMLReadable, JavaMLReader
from pyspark.ml.wrapper import JavaModel, JavaParams

from sparknn.jar import jvm_class_object

__all__ = ["JVM_PREFIX", "PYTHON_PREFIX", "install", "python_class", "jvm_class", "new_jvm_stage", "SparkNNReadable"]

JVM_PREFIX = "io.sparknn.ml."
PYTHON_PREFIX = "sparknn."


def python_class(jvm_name):
    """The Python class of a spark-nn JVM stage, e.g. ``sparknn.classification.NeuralNetworkClassifier``."""
    if not jvm_name.startswith(JVM_PREFIX):
        raise ValueError("%s is not a spark-nn stage (its class name does not start with %s)." % (jvm_name, JVM_PREFIX))
    module, _, name = (PYTHON_PREFIX + jvm_name[len(JVM_PREFIX) :]).rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as e:
        raise NotImplementedError(
            "The JVM stage %s has no Python class %s.%s in this sparknn package (%s). Use a sparknn "
            "package of the same version as the spark-nn jar." % (jvm_name, module, name, e)
        ) from e


def jvm_class(py_class):
    """The JVM class name of a sparknn Python stage class."""
    module = py_class.__module__
    if not module.startswith(PYTHON_PREFIX):
        raise ValueError("%s.%s is not a sparknn stage class." % (module, py_class.__name__))
    return JVM_PREFIX + module[len(PYTHON_PREFIX) :] + "." + py_class.__name__


def new_jvm_stage(py_class, uid):
    """A new JVM stage for a sparknn stage class, with a clear error if the spark-nn jar is missing."""
    from pyspark import SparkContext

    sc = SparkContext._active_spark_context
    if sc is None:
        raise RuntimeError(
            "%s needs a running SparkSession with the spark-nn jar: create it first, e.g. "
            "SparkSession.builder.config('spark.jars', '/path/to/spark-nn-jobs_2.12-<version>-shaded.jar')"
            ".getOrCreate()." % py_class.__name__
        )
    return jvm_class_object(sc._jvm, jvm_class(py_class))(uid)


def _stage_from_java(java_stage):
    """What PySpark's ``JavaParams._from_java`` does, for a class found by ``python_class``."""
    py_type = python_class(java_stage.getClass().getName())
    py_stage = py_type()
    py_stage._java_obj = java_stage
    if issubclass(py_type, JavaModel):
        # As PySpark does (SPARK-10931): a loaded model also owns params its Python class lacks.
        py_stage._create_params_from_java()
    py_stage._resetUid(java_stage.uid())
    py_stage._transfer_params_from_java()
    return py_stage


def install():
    """Makes PySpark map ``io.sparknn.`` stages to sparknn classes; idempotent.

    Two places read a JVM class name: ``JavaParams._from_java`` (a stage the JVM loaded; Spark 3.5's
    ``PipelineModel.load``) and ``DefaultParamsReader.loadParamsInstance`` (a stage directory read
    by its metadata; Spark 4's ``PipelineModel.load``).
    """
    from_java = JavaParams.__dict__["_from_java"].__func__
    if getattr(from_java, "_sparknn_delegate", None) is None:

        def _from_java(java_stage):
            if java_stage.getClass().getName().startswith(JVM_PREFIX):
                return _stage_from_java(java_stage)
            return from_java(java_stage)

        _from_java._sparknn_delegate = from_java
        _from_java.__doc__ = from_java.__doc__
        JavaParams._from_java = staticmethod(_from_java)

    load_instance = DefaultParamsReader.__dict__["loadParamsInstance"].__func__
    if getattr(load_instance, "_sparknn_delegate", None) is None:

        def loadParamsInstance(path, sc):
            jvm_name = DefaultParamsReader.loadMetadata(path, sc)["class"]
            if jvm_name.startswith(JVM_PREFIX):
                return python_class(jvm_name).load(path)
            return load_instance(path, sc)

        loadParamsInstance._sparknn_delegate = load_instance
        loadParamsInstance.__doc__ = load_instance.__doc__
        DefaultParamsReader.loadParamsInstance = staticmethod(loadParamsInstance)


class _SparkNNReader(JavaMLReader):
    @classmethod
    def _java_loader_class(cls, clazz):
        return jvm_class(clazz)


class SparkNNReadable(JavaMLReadable):
    """``read()``/``load()`` for sparknn stages: the JVM class is io.sparknn.ml.<package>.<Class>."""

    @classmethod
    def read(cls):
        return _SparkNNReader(cls)
