"""The seed-000 and seed-004 flows from Python, end to end, as a notebook runs them.

A Keras-style definition of the seed network, Fashion-MNIST (the subset the repository ships) in a
Delta table, fit on 2 workers, transform, MLlib's evaluator, save, ``PipelineModel.load`` in Python
and in the JVM: both loaded pipelines give exactly the fitted pipeline's predictions.
"""

import gzip
import pathlib
import struct

import pytest
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.linalg import Vectors
from pyspark.sql import DataFrame

from sparknn import NeuralNetworkClassificationModel, NeuralNetworkClassifier, Sequential
from sparknn.layers import Conv2D, Dense, Flatten, MaxPooling2D

DATA = pathlib.Path(__file__).resolve().parents[3] / "data/fashion-mnist-subset"


def idx(name):
    """An IDX file: (dimensions, the bytes after the header)."""
    raw = gzip.open(DATA / name).read()
    dims = struct.unpack(">I", raw[:4])[0] & 0xFF
    shape = struct.unpack(">" + "I" * dims, raw[4 : 4 + 4 * dims])
    return shape, raw[4 + 4 * dims :]


def fashion_rows(prefix, limit):
    (n, h, w), pixels = idx(prefix + "-images-idx3-ubyte.gz")
    _, labels = idx(prefix + "-labels-idx1-ubyte.gz")
    size = h * w
    return [
        (i, Vectors.dense([b / 255.0 for b in pixels[i * size : (i + 1) * size]]), float(labels[i]))
        for i in range(min(n, limit))
    ]


@pytest.fixture(scope="module")
def tables(spark, tmp_path_factory):
    """The training and test sets as Delta tables, read back as a notebook would."""
    root = tmp_path_factory.mktemp("fashion")
    frames = {}
    for name, prefix, limit in (("train", "train", 6000), ("test", "t10k", 1000)):
        path = str(root / name)
        spark.createDataFrame(fashion_rows(prefix, limit), ["id", "features", "label"]).write.format("delta").save(
            path
        )
        frames[name] = spark.read.format("delta").load(path)
    return frames


def seed000():
    return Sequential(
        [Dense(256, activation="relu"), Dense(128, activation="relu"), Dense(10, activation="softmax")],
        input_shape=(784,),
    )


def seed004():
    return Sequential(
        [
            Conv2D(32, 3, activation="relu"),
            MaxPooling2D(2),
            Conv2D(64, 3, activation="relu"),
            MaxPooling2D(2),
            Conv2D(64, 3, activation="relu"),
            Flatten(),
            Dense(64, activation="relu"),
            Dense(10, activation="softmax"),
        ],
        input_shape=(28, 28, 1),
    )


def predictions(df):
    return [
        (r.id, r.prediction, tuple(round(p, 12) for p in r.probability))
        for r in df.select("id", "prediction", "probability").orderBy("id").collect()
    ]


@pytest.mark.parametrize(
    "network, epochs, batch, seed, floor",
    [(seed000, 2, 128, 0, 0.75), (seed004, 1, 64, 4, 0.65)],
    ids=["seed000-mlp", "seed004-cnn"],
)
def test_seed_flow_fit_evaluate_save_and_load_in_python_and_the_jvm(
    spark, tables, tmp_path, network, epochs, batch, seed, floor
):
    nn = NeuralNetworkClassifier(network=network(), maxEpochs=epochs, batchSize=batch, seed=seed, numWorkers=2)
    fitted = Pipeline(stages=[nn]).fit(tables["train"])
    scored = fitted.transform(tables["test"])
    accuracy = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(scored)
    assert accuracy >= floor, "test accuracy %.4f after %d epoch(s)" % (accuracy, epochs)
    assert len(fitted.stages[0].summary.history) == epochs

    path = str(tmp_path / "pipeline")
    fitted.save(path)
    expected = predictions(scored)

    loaded = PipelineModel.load(path)
    assert type(loaded.stages[0]) is NeuralNetworkClassificationModel
    assert predictions(loaded.transform(tables["test"])) == expected

    java_model = spark._jvm.org.apache.spark.ml.PipelineModel.load(path)
    assert predictions(DataFrame(java_model.transform(tables["test"]._jdf), spark)) == expected
