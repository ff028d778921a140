"""One local[2] SparkSession with the spark-nn jar for the tests that need pyspark.

They need pyspark importable (PYTHONPATH) and the spark-nn jar in SPARKNN_JAR (the shaded jobs
jar: spark-nn with Delta). A missing jar is an error, not a skip: these tests are run on purpose.
"""

import os

import pytest


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    jar = os.environ.get("SPARKNN_JAR")
    if not jar or not os.path.isfile(jar):
        pytest.fail(
            "SPARKNN_JAR must name the spark-nn jar (jobs/target/spark-nn-jobs_2.12-<version>-shaded.jar "
            "after ./mvnw -pl jobs -am package -DskipTests), got %r" % jar,
            pytrace=False,
        )
    from pyspark.sql import SparkSession

    warehouse = tmp_path_factory.mktemp("warehouse")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("sparknn-python-tests")
        .config("spark.jars", jar)
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", str(warehouse))
        # Delta rebuilds a snapshot with 50 tasks by default, sized for clusters (as the jobs' own session knows).
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def blobs(spark):
    """Three well-separated classes in 4 features, 240 rows, as (features vector, label double)."""
    import random

    from pyspark.ml.linalg import Vectors

    rnd = random.Random(7)
    centres = [(-3.0, 0.0, 2.0, 1.0), (3.0, 2.0, -2.0, 0.0), (0.0, -3.0, 0.0, -2.0)]
    rows = []
    for i in range(240):
        label = i % 3
        rows.append((Vectors.dense([c + rnd.gauss(0, 0.5) for c in centres[label]]), float(label)))
    return spark.createDataFrame(rows, ["features", "label"]).repartition(2).cache()
