"""Fitting through the Python wrappers: predictions, probabilities, the summary, and JVM errors."""

import pytest
from pyspark.ml.evaluation import MulticlassClassificationEvaluator, RegressionEvaluator

from sparknn import NeuralNetworkClassificationModel, NeuralNetworkClassifier, NeuralNetworkRegressor, Sequential
from sparknn.layers import Dense, Dropout


def blobs_network():
    return Sequential([Dense(16, activation="relu", input_shape=(4,)), Dropout(0.1), Dense(3, activation="softmax")])


@pytest.fixture(scope="module")
def classifier_model(blobs):
    nn = NeuralNetworkClassifier(
        network=blobs_network(),
        maxEpochs=4,
        batchSize=16,
        learningRate=0.01,
        numWorkers=2,
        seed=5,
        validationFraction=0.25,
        provenance={"table": "blobs", "version": "0"},
    )
    return nn.fit(blobs)


def test_the_classifier_learns_the_blobs_on_two_workers(classifier_model, blobs):
    assert isinstance(classifier_model, NeuralNetworkClassificationModel)
    scored = classifier_model.transform(blobs)
    assert {"rawPrediction", "probability", "prediction"} <= set(scored.columns)
    accuracy = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(scored)
    assert accuracy > 0.9, accuracy
    row = scored.select("probability", "rawPrediction").first()
    assert len(row.probability) == 3 and abs(sum(row.probability) - 1.0) < 1e-6
    assert classifier_model.numClasses == 3 and classifier_model.numFeatures == 4


def test_the_model_has_the_estimators_column_params_and_its_own_scoring_params(classifier_model):
    assert classifier_model.getProbabilityCol() == "probability"
    assert classifier_model.getInferenceBatchSize() == 512
    classifier_model.setInferenceBatchSize(7)
    assert classifier_model.getInferenceBatchSize() == 7
    assert not classifier_model.hasParam("maxEpochs")


def test_the_summary_history_has_one_row_per_epoch_and_provenance_is_a_dict(spark, classifier_model):
    summary = classifier_model.summary
    history = summary.history
    assert list(history["epoch"]) == [1, 2, 3, 4]
    jvm_columns = classifier_model._java_obj.summary().historyFrame(spark._jsparkSession).columns()
    assert list(history.columns) == list(jvm_columns)
    assert history["loss"].iloc[-1] < history["loss"].iloc[0]
    assert history["validationLoss"].notna().all()
    assert summary.provenance == {"table": "blobs", "version": "0"}


def test_the_model_exposes_its_network(classifier_model):
    assert classifier_model.network == blobs_network().to_json()
    assert classifier_model.numParams == 4 * 16 + 16 + 16 * 3 + 3


def test_the_regressor_fits_a_linear_target(spark):
    import random

    from pyspark.ml.linalg import Vectors

    rnd = random.Random(3)
    rows = []
    for _ in range(200):
        x = [rnd.uniform(-1, 1) for _ in range(3)]
        rows.append((Vectors.dense(x), 2 * x[0] - x[1] + 0.5 * x[2] + 1.0))
    df = spark.createDataFrame(rows, ["features", "label"])
    model = NeuralNetworkRegressor(
        network=Sequential([Dense(1)], input_shape=(3,)), maxEpochs=30, batchSize=16, learningRate=0.05, seed=1
    ).fit(df)
    rmse = RegressionEvaluator(metricName="rmse").evaluate(model.transform(df))
    assert rmse < 0.1, rmse
    assert model.summary.history["accuracy"].isna().all()


def test_a_network_unfit_for_the_task_is_the_jvm_message(blobs):
    from pyspark.errors import IllegalArgumentException

    nn = NeuralNetworkClassifier(network=Sequential([Dense(3)], input_shape=(4,)), maxEpochs=1)
    with pytest.raises(IllegalArgumentException, match="must end in softmax over the classes"):
        nn.fit(blobs)


def test_a_network_that_does_not_fit_the_features_names_the_sizes(blobs):
    nn = NeuralNetworkClassifier(network=Sequential([Dense(3, activation="softmax")], input_shape=(5,)), maxEpochs=1)
    with pytest.raises(Exception, match="5") as failure:
        nn.fit(blobs)
    assert "features" in str(failure.value)
