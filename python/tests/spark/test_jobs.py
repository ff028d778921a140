"""The jobs from Python: train, score and evaluate on Delta tables in the test session."""

import json

import pytest

import sparknn.jobs
from sparknn import Sequential
from sparknn.layers import Dense


@pytest.fixture(scope="module")
def tables(spark, blobs, tmp_path_factory):
    root = tmp_path_factory.mktemp("jobs")
    train, test = blobs.randomSplit([0.75, 0.25], seed=3)
    paths = {"root": root, "train": str(root / "train"), "test": str(root / "test")}
    train.write.format("delta").save(paths["train"])
    test.write.format("delta").save(paths["test"])
    return paths


def config(tables):
    return {
        "name": "blobs-mlp",
        "task": "classification",
        "input": {"path": tables["train"]},
        "validation": {"table": {"path": tables["test"]}},
        "features": {"column": "features"},
        "label": "label",
        "estimator": {
            "network": Sequential([Dense(8, activation="relu"), Dense(3, activation="softmax")], input_shape=(4,)),
            "learningRate": 0.01,
            "batchSize": 16,
            "maxEpochs": 5,
            "numWorkers": 2,
        },
        "output": {
            "model": str(tables["root"] / "model"),
            "metrics": str(tables["root"] / "model.metrics.json"),
            "report": str(tables["root"] / "model.report.html"),
        },
    }


def test_train_score_evaluate_from_python(spark, tables):
    metrics = sparknn.jobs.train(config(tables), spark=spark, overrides={"estimator.maxEpochs": 4})
    assert metrics["job"] == "train"
    assert len(metrics["history"]) == 4
    assert metrics["metrics"]["accuracy"] > 0.9
    with open(str(tables["root"] / "model.metrics.json"), encoding="utf-8") as f:
        assert json.load(f) == metrics

    model = metrics["model"]
    scored = sparknn.jobs.score(model, tables["test"], str(tables["root"] / "scores"), keep_columns=["label"])
    assert scored["output"]["rowsWritten"] == spark.read.format("delta").load(tables["test"]).count()
    assert scored["output"]["columns"][:2] == ["label", "prediction"]

    evaluation = sparknn.jobs.evaluate(model, tables["test"], input_version=0)
    assert evaluation["job"] == "evaluate"
    assert evaluation["metrics"]["accuracy"] == pytest.approx(metrics["metrics"]["accuracy"])


def test_a_config_file_path_and_list_overrides(spark, tables, tmp_path):
    path = tmp_path / "job.yaml"
    cfg = config(tables)
    cfg["estimator"]["network"] = cfg["estimator"]["network"].to_dict()
    path.write_text(json.dumps(cfg), encoding="utf-8")  # JSON is YAML
    with pytest.raises(sparknn.jobs.ConfigError, match="Unknown key 'nmae' in %s" % path) as failure:
        sparknn.jobs.train(str(path), spark=spark, overrides=["nmae=1"])
    assert failure.value.exit_code == 2
    with pytest.raises(sparknn.jobs.ConfigError, match="NeuralNetworkClassifier has no param 'maxEpoch'"):
        sparknn.jobs.train(path, spark=spark, overrides=["estimator.maxEpoch=1"])


def test_a_missing_model_is_an_input_data_error_naming_it(spark, tables):
    missing = str(tables["root"] / "no-such-model")
    with pytest.raises(
        sparknn.jobs.InputDataError, match="spark-nn evaluate: Model directory .*no-such-model.* does not exist"
    ) as failure:
        sparknn.jobs.evaluate(missing, tables["test"], spark=spark)
    assert failure.value.exit_code == 3


def test_bad_arguments_fail_before_the_jvm(spark):
    with pytest.raises(sparknn.jobs.ConfigError, match="input_version must be a table version >= 0, got -1"):
        sparknn.jobs.evaluate("m", "t", spark=spark, input_version=-1)
    with pytest.raises(sparknn.jobs.ConfigError, match="Config file nowhere.yaml does not exist"):
        sparknn.jobs.train("nowhere.yaml", spark=spark)
