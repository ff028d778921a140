"""The spark-nn jobs (train, score, evaluate on Delta tables) in the current SparkSession.

Each function does what the ``spark-nn`` command of the same name does, with the same checks and
outputs, and returns the JSON the command leaves for Airflow as a dict: the metrics JSON of train
and evaluate, the score summary of score. A failure raises ``ConfigError`` (what the command
exits 2 for), ``InputDataError`` (3) or ``JobError`` with the job's one-line message.

The session needs Delta Lake's SQL extension and catalog, as on Databricks or with
``spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension`` and
``spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog``.

>>> metrics = sparknn.jobs.train("conf/seed000-mlp.yaml", overrides={"estimator.maxEpochs": 3})  # doctest: +SKIP
>>> metrics["metrics"]["accuracy"]  # doctest: +SKIP
"""

import json
import os

from sparknn.jar import jvm_class_object

__all__ = ["train", "score", "evaluate", "JobError", "ConfigError", "InputDataError"]

ENTRY_POINT = "io.sparknn.jobs.SessionJobs"
JOB_EXCEPTION = "io.sparknn.jobs.JobException"


class JobError(RuntimeError):
    """A spark-nn job failed; ``exit_code`` is what the command line would have exited with."""

    exit_code = 1

    def __init__(self, message, java_error=None):
        super().__init__(message)
        self.java_error = java_error


class ConfigError(JobError, ValueError):
    """The job's configuration or arguments are wrong (the command exits 2)."""

    exit_code = 2


class InputDataError(JobError):
    """The input table or its data are wrong (the command exits 3)."""

    exit_code = 3


def train(config, spark=None, overrides=None):
    """Runs the train job and returns its metrics JSON as a dict.

    ``config``: the path of a job config YAML file, or the config as a dict with the YAML's
    structure (a ``Sequential`` may stand for ``estimator.network``). ``overrides``: settings
    applied over it as ``--set`` does, a dict ``{"estimator.maxEpochs": 3}`` or a list of
    ``"key=value"`` strings.
    """
    source, text = _config_text(config)
    return _run(spark, "train", source, text, _override_list(overrides))


def score(
    model,
    input,
    output,
    spark=None,
    mode="overwrite",
    input_version=None,
    input_filter=None,
    replace_where=None,
    keep_columns=None,
    summary_out=None,
    overwrite_foreign=False,
):
    """Runs the score job (``spark-nn score``) and returns its summary as a dict.

    ``model``: a saved PipelineModel directory; ``input``/``output``: Delta table paths or catalog
    names; ``mode``: overwrite, append or replace-where; the rest as the command's options.
    """
    _check_input(input_version, input_filter)
    return _run(
        spark,
        "score",
        model,
        input,
        input_version,
        input_filter,
        output,
        mode,
        replace_where,
        None if keep_columns is None else list(keep_columns),
        summary_out,
        bool(overwrite_foreign),
    )


def evaluate(model, input, spark=None, input_version=None, input_filter=None, output=None):
    """Runs the evaluate job (``spark-nn evaluate``) and returns its metrics JSON as a dict.

    ``output``: where to write the metrics JSON (default ``<model>.evaluation.json``).
    """
    _check_input(input_version, input_filter)
    return _run(spark, "evaluate", model, input, input_version, input_filter, output)


def _config_text(config):
    if isinstance(config, dict):
        return "the config dict", json.dumps(_plain(config))
    if isinstance(config, (str, os.PathLike)):
        path = os.fspath(config)
        if not os.path.isfile(path):
            raise ConfigError("Config file %s does not exist (working directory %s)." % (path, os.getcwd()))
        with open(path, encoding="utf-8") as f:
            return path, f.read()
    raise TypeError("config must be a YAML file path or a dict, got %s." % type(config).__name__)


def _plain(value):
    """The config with networks (``Sequential``) as their JSON objects."""
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _override_list(overrides):
    if overrides is None:
        return []
    if isinstance(overrides, dict):
        return ["%s=%s" % (k, v if isinstance(v, str) else json.dumps(_plain(v))) for k, v in overrides.items()]
    if isinstance(overrides, (list, tuple)) and all(isinstance(o, str) for o in overrides):
        return list(overrides)
    raise TypeError('overrides must be a dict {"estimator.maxEpochs": 3} or a list of "key=value" strings.')


def _check_input(version, where):
    if version is not None and (isinstance(version, bool) or not isinstance(version, int) or version < 0):
        raise ConfigError("input_version must be a table version >= 0, got %r." % (version,))
    if where is not None and not str(where).strip():
        raise ConfigError("input_filter is empty: give a SQL predicate or leave it out.")


def _session(spark):
    if spark is not None:
        return spark
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is None:
        raise RuntimeError(
            "No active SparkSession: pass spark=... or create one with the spark-nn jar "
            "(SparkSession.builder.config('spark.jars', ...).getOrCreate())."
        )
    return active


def _run(spark, job, *args):
    from py4j.protocol import Py4JJavaError

    spark = _session(spark)
    entry = jvm_class_object(spark._jvm, ENTRY_POINT)
    try:
        return json.loads(getattr(entry, job)(spark._jsparkSession, *args))
    except Py4JJavaError as e:
        raise _job_error(job, e) from None


def _job_error(job, error):
    """The job's own exception (an io.sparknn.jobs.JobException) in the cause chain, as a Python error."""
    t = error.java_exception
    while t is not None:
        if _is_job_exception(t):
            code = t.exitCode()
            cls = {ConfigError.exit_code: ConfigError, InputDataError.exit_code: InputDataError}.get(code, JobError)
            return cls("spark-nn %s: %s" % (job, t.getMessage()), error)
        t = t.getCause()
    return JobError("spark-nn %s failed: %s" % (job, error.java_exception.toString()), error)


def _is_job_exception(throwable):
    # By name along the superclasses: the jar's classes are not visible to Class.forName from py4j.
    c = throwable.getClass()
    while c is not None:
        if c.getName() == JOB_EXCEPTION:
            return True
        c = c.getSuperclass()
    return False
