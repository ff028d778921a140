"""Every Param of the spark-nn stages is mirrored in Python with the JVM's name, doc and default."""

import inspect

import pytest

import sparknn
from sparknn import (
    NeuralNetworkClassificationModel,
    NeuralNetworkClassifier,
    NeuralNetworkRegressionModel,
    NeuralNetworkRegressor,
    Sequential,
)
from sparknn.layers import Dense
from sparknn.params import ScoringParams, TrainingParams

OWN_PARAMS = set(TrainingParams.DEFAULTS) | set(ScoringParams.DEFAULTS)
STAGES = [
    NeuralNetworkClassifier,
    NeuralNetworkRegressor,
    NeuralNetworkClassificationModel,
    NeuralNetworkRegressionModel,
]


def python_stage(cls):
    return cls() if cls in (NeuralNetworkClassifier, NeuralNetworkRegressor) else cls(None)


def jvm_stage(spark, cls):
    jvm = spark._jvm
    for part in sparknn.java_stages.jvm_class(cls).split("."):
        jvm = getattr(jvm, part)
    return jvm("uid-1")


def test_docs_are_compared_for_every_param_sparknn_declares():
    assert len(OWN_PARAMS) == 21


@pytest.mark.parametrize("cls", STAGES, ids=lambda c: c.__name__)
def test_python_params_are_the_jvm_params_with_their_docs_and_defaults(spark, cls):
    java = jvm_stage(spark, cls)
    py = python_stage(cls)
    java_params = {p.name(): p for p in java.params()}
    assert sorted(p.name for p in py.params) == sorted(java_params)
    for p in py.params:
        jp = java_params[p.name]
        if p.name in OWN_PARAMS:  # pyspark's own column params word their docs slightly differently
            assert p.doc == jp.doc(), p.name
        if java.hasDefault(jp):
            jdefault = java.getDefault(jp).get()
            expected = list(jdefault) if p.name == "frozenLayers" else jdefault
            assert py.getOrDefault(p) == expected, p.name
        else:
            assert not py.hasDefault(p), p.name


@pytest.mark.parametrize("cls", [NeuralNetworkClassifier, NeuralNetworkRegressor], ids=lambda c: c.__name__)
def test_constructor_keywords_are_the_params_and_their_defaults(spark, cls):
    est = cls()
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if name == "self":
            continue
        assert est.hasParam(name), name
        if est.hasDefault(name) and parameter.default is not None:
            assert est.getOrDefault(name) == parameter.default, name
    assert inspect.signature(cls.__init__).parameters.keys() == inspect.signature(cls.setParams).parameters.keys()


def test_network_accepts_a_sequential_or_its_json(spark):
    net = Sequential([Dense(3, activation="softmax")], input_shape=(4,))
    assert NeuralNetworkClassifier(network=net).getNetwork() == net.to_json()
    assert NeuralNetworkClassifier().setNetwork(net.to_json()).getNetwork() == net.to_json()


def test_optimizer_and_provenance_accept_dicts(spark):
    nn = NeuralNetworkClassifier(optimizer={"name": "adam", "beta1": 0.8}, provenance={"table": "t", "version": "3"})
    assert nn.getOptimizer() == '{"name":"adam","beta1":0.8}'
    assert nn.getProvenance() == '{"table":"t","version":"3"}'


def test_setters_and_getters_in_pyspark_style(spark):
    nn = NeuralNetworkRegressor().setMaxEpochs(3).setBatchSize(16).setSeed(2**40).setFrozenLayers([0, 2])
    assert (nn.getMaxEpochs(), nn.getBatchSize(), nn.getSeed(), nn.getFrozenLayers()) == (3, 16, 2**40, [0, 2])
    nn._transfer_params_to_java()
    java = nn._java_obj
    assert java.getOrDefault(java.getParam("seed")) == 2**40
    assert list(java.getOrDefault(java.getParam("frozenLayers"))) == [0, 2]


def test_a_wrong_param_name_is_a_type_error_naming_it(spark):
    with pytest.raises(TypeError, match="maxEpoch"):
        NeuralNetworkClassifier(maxEpoch=3)


def test_a_wrong_param_type_is_pysparks_conversion_error(spark):
    with pytest.raises(TypeError, match='Invalid param value given for param "batchSize"'):
        NeuralNetworkClassifier(batchSize="many")
    with pytest.raises(TypeError, match="network must be a sparknn.Sequential or its JSON string"):
        NeuralNetworkClassifier(network=[Dense(3)])


def test_an_invalid_param_value_is_the_jvm_validators_message_not_a_stack_dump(spark, blobs):
    from pyspark.errors import IllegalArgumentException

    nn = NeuralNetworkClassifier(network=Sequential([Dense(3, activation="softmax")], input_shape=(4,)), maxEpochs=0)
    with pytest.raises(IllegalArgumentException, match="maxEpochs given invalid value 0"):
        nn.fit(blobs)
