"""A clear error when the spark-nn jar is not on the Spark classpath (instead of py4j's own)."""

from py4j.java_gateway import JavaClass

__all__ = ["jvm_class_object"]

ADVICE = (
    "The spark-nn jar is not on the Spark classpath: start Spark with "
    "spark.jars=/path/to/spark-nn-jobs_2.12-<version>-shaded.jar (spark-submit --jars, or "
    "SparkSession.builder.config('spark.jars', ...) before the session starts), or install the jar "
    "as a cluster library on Databricks."
)


def jvm_class_object(jvm, class_name):
    """The py4j class ``class_name`` of ``jvm``; a RuntimeError saying how to add the jar if it is missing."""
    obj = jvm
    for part in class_name.split("."):
        obj = getattr(obj, part)
    if not isinstance(obj, JavaClass):
        raise RuntimeError("Cannot find the JVM class %s. %s" % (class_name, ADVICE))
    return obj
