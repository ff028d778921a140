"""spark-nn stages saved from Python load in the JVM and the other way round, with equal predictions."""

import pytest
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.functions import vector_to_array

from sparknn import NeuralNetworkClassificationModel, NeuralNetworkClassifier, Sequential
from sparknn.java_stages import install
from sparknn.layers import Dense
from pyspark.ml.util import DefaultParamsReader
from pyspark.ml.wrapper import JavaParams


def network():
    return Sequential([Dense(8, activation="relu"), Dense(3, activation="softmax")], input_shape=(4,))


def columns(blobs):
    """The blobs as four numeric columns, so a pipeline starts with a pyspark stage (VectorAssembler)."""
    arr = blobs.select(vector_to_array("features").alias("x"), "label")
    return arr.selectExpr("x[0] AS a", "x[1] AS b", "x[2] AS c", "x[3] AS d", "label")


def predictions(df):
    return [
        (r.prediction, tuple(round(p, 12) for p in r.probability))
        for r in df.select("prediction", "probability").collect()
    ]


@pytest.fixture(scope="module")
def table(blobs):
    return columns(blobs).cache()


@pytest.fixture(scope="module")
def fitted(table):
    assembler = VectorAssembler(inputCols=["a", "b", "c", "d"], outputCol="features")
    nn = NeuralNetworkClassifier(network=network(), maxEpochs=2, batchSize=32, seed=11, numWorkers=2)
    return Pipeline(stages=[assembler, nn]).fit(table)


def test_a_pipeline_saved_in_python_loads_in_python_with_sparknn_classes(fitted, table, tmp_path):
    path = str(tmp_path / "pipeline")
    fitted.save(path)
    loaded = PipelineModel.load(path)
    assert type(loaded.stages[1]) is NeuralNetworkClassificationModel
    assert loaded.stages[1].uid == fitted.stages[1].uid
    assert predictions(loaded.transform(table)) == predictions(fitted.transform(table))


def test_a_pipeline_saved_in_python_loads_in_the_jvm(spark, fitted, table, tmp_path):
    path = str(tmp_path / "pipeline-for-jvm")
    fitted.write().overwrite().save(path)
    java_model = spark._jvm.org.apache.spark.ml.PipelineModel.load(path)
    assert (
        java_model.stages()[1].getClass().getName() == "io.sparknn.ml.classification.NeuralNetworkClassificationModel"
    )
    from pyspark.sql import DataFrame

    scored = DataFrame(java_model.transform(table._jdf), spark)
    assert predictions(scored) == predictions(fitted.transform(table))


def test_a_pipeline_saved_in_the_jvm_loads_in_python(spark, table, tmp_path):
    jvm, gateway = spark._jvm, spark.sparkContext._gateway
    inputs = gateway.new_array(jvm.java.lang.String, 4)
    for i, name in enumerate("abcd"):
        inputs[i] = name
    assembler = jvm.org.apache.spark.ml.feature.VectorAssembler().setInputCols(inputs).setOutputCol("features")
    nn = jvm.io.sparknn.ml.classification.NeuralNetworkClassifier()
    # py4j does not see the setters, which are Java interface default methods: set the params directly.
    nn.set(nn.getParam("network").w(network().to_json())).set(nn.getParam("maxEpochs").w(2))
    stages = gateway.new_array(jvm.org.apache.spark.ml.PipelineStage, 2)
    stages[0], stages[1] = assembler, nn
    java_model = jvm.org.apache.spark.ml.Pipeline().setStages(stages).fit(table._jdf)
    path = str(tmp_path / "jvm-pipeline")
    java_model.save(path)

    loaded = PipelineModel.load(path)
    model = loaded.stages[1]
    assert type(model) is NeuralNetworkClassificationModel
    assert model.getOrDefault("featuresCol") == "features"
    from pyspark.sql import DataFrame

    assert predictions(loaded.transform(table)) == predictions(DataFrame(java_model.transform(table._jdf), spark))


def test_a_model_and_an_estimator_round_trip_on_their_own(fitted, tmp_path):
    model = fitted.stages[1].setInferenceBatchSize(64)
    model.save(str(tmp_path / "model"))
    loaded = NeuralNetworkClassificationModel.load(str(tmp_path / "model"))
    assert loaded.getInferenceBatchSize() == 64
    assert loaded.network == model.network
    assert loaded.summary.history.shape[0] == 2

    nn = NeuralNetworkClassifier(network=network(), maxEpochs=7, frozenLayers=[0], optimizer={"name": "sgd"})
    nn.save(str(tmp_path / "estimator"))
    back = NeuralNetworkClassifier.load(str(tmp_path / "estimator"))
    assert (back.getMaxEpochs(), back.getFrozenLayers(), back.getOptimizer(), back.getNetwork()) == (
        7,
        [0],
        '{"name":"sgd"}',
        network().to_json(),
    )


def test_install_is_idempotent_and_leaves_other_stages_to_pyspark(spark):
    before = (JavaParams._from_java, DefaultParamsReader.loadParamsInstance)
    install()
    assert (JavaParams._from_java, DefaultParamsReader.loadParamsInstance) == before
    java_assembler = spark._jvm.org.apache.spark.ml.feature.VectorAssembler()
    assert type(JavaParams._from_java(java_assembler)) is VectorAssembler
