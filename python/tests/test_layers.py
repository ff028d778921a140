"""Layers and Sequential render the engine's network JSON; Keras arguments it cannot honour fail clearly.

Needs only Python: runs in CI.
"""

import json
import pathlib

import pytest

import contract_networks
from sparknn import Sequential
from sparknn.layers import (
    GRU,
    LSTM,
    Activation,
    BatchNormalization,
    Conv2D,
    Dense,
    Dropout,
    Embedding,
    Flatten,
    Input,
    LeakyReLU,
    MaxPooling2D,
    ReLU,
    Reshape,
    Sigmoid,
    UnsupportedArgumentError,
)

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "spark-nn/core/src/test/resources/network-contract"


@pytest.mark.parametrize("name", sorted(contract_networks.NETWORKS))
def test_sequential_renders_the_shared_fixture_byte_for_byte(name):
    expected = (FIXTURES / (name + ".json")).read_text(encoding="utf-8").strip()
    assert contract_networks.NETWORKS[name]().to_json() == expected


def test_every_fixture_has_a_python_definition():
    assert sorted(p.stem for p in FIXTURES.glob("*.json")) == sorted(contract_networks.NETWORKS)


def test_seed000_written_the_keras_way():
    net = Sequential(
        [
            Dense(256, activation="relu", input_shape=(784,)),
            Dense(128, activation="relu"),
            Dense(10, activation="softmax"),
        ]
    )
    d = json.loads(net.to_json())
    assert d["inputShape"] == [784]
    assert [(l["type"], l["units"], l["activation"]) for l in d["layers"]] == [
        ("Dense", 256, "relu"),
        ("Dense", 128, "relu"),
        ("Dense", 10, "softmax"),
    ]


def test_add_and_input_give_the_same_network_as_the_list():
    built = Sequential()
    built.add(Input(shape=(4,)))
    built.add(Dense(3, activation="tanh")).add(Dense(1, activation="sigmoid"))
    assert built == Sequential([Dense(3, activation="tanh"), Dense(1, activation="sigmoid")], input_shape=(4,))


def test_keras_channels_last_single_channel_images_are_read_channels_first():
    net = Sequential([Input(shape=(28, 28, 1)), Conv2D(8, 3, activation="relu"), MaxPooling2D(), Flatten(), Dense(10)])
    assert net.input_shape == [1, 28, 28]


def test_channels_first_image_shapes_are_kept():
    assert Sequential([Conv2D(8, 3)], input_shape=(3, 32, 32)).input_shape == [3, 32, 32]


def test_channels_last_colour_images_name_the_shape_to_use():
    net = Sequential([Conv2D(8, 3)], input_shape=(32, 32, 3))
    with pytest.raises(ValueError, match=r"channels-last .*use \(3, 32, 32\)"):
        net.to_json()


def test_without_image_layers_a_rank3_shape_is_left_alone():
    assert Sequential([Flatten(), Dense(2)], input_shape=(5, 4, 1)).input_shape == [5, 4, 1]


def test_missing_input_shape_says_how_to_give_it():
    with pytest.raises(ValueError, match=r"input shape is not known.*input_shape=\(784,\)"):
        Sequential([Dense(10)]).to_json()


def test_conflicting_input_shapes_are_an_error():
    with pytest.raises(ValueError, match=r"already \(4,\)"):
        Sequential([Dense(2, input_shape=(5,))], input_shape=(4,))


def test_only_the_first_layer_may_give_the_input_shape():
    with pytest.raises(ValueError, match=r"layer 1 \(Dense\) gives input_shape"):
        Sequential([Dense(3, input_shape=(4,)), Dense(2, input_shape=(3,))])


def test_a_non_layer_is_rejected_with_the_import_to_use():
    with pytest.raises(TypeError, match=r"layer 0 is 'Dense'.*from sparknn.layers import Dense"):
        Sequential(["Dense"], input_shape=(3,))


def test_an_empty_network_is_an_error():
    with pytest.raises(ValueError, match="at least one layer"):
        Sequential(input_shape=(3,)).to_json()


@pytest.mark.parametrize(
    "make, arg",
    [
        (lambda: Dense(4, kernel_regularizer="l2"), "kernel_regularizer"),
        (lambda: Dense(4, activation=lambda x: x), "activation"),
        (lambda: Conv2D(4, 3, dilation_rate=2), "dilation_rate"),
        (lambda: Conv2D(4, 3, data_format="channels_last"), "data_format"),
        (lambda: LSTM(4, dropout=0.2), "dropout"),
        (lambda: LSTM(4, activation="relu"), "activation"),
        (lambda: GRU(4, reset_after=False), "reset_after"),
        (lambda: Dropout(0.5, noise_shape=(1, 4)), "noise_shape"),
        (lambda: ReLU(max_value=6.0), "max_value"),
        (lambda: BatchNormalization(axis=2), "axis"),
        (lambda: Dense(4, trainable=False), "trainable"),
        (lambda: Dense(4, kernel_size=3), "kernel_size"),
    ],
)
def test_unsupported_keras_arguments_name_the_layer_and_argument(make, arg):
    with pytest.raises(UnsupportedArgumentError, match=r"^\w+: argument %s=" % arg):
        make()


def test_keras_defaults_passed_explicitly_are_accepted():
    lstm = LSTM(8, activation="tanh", recurrent_activation="sigmoid", dropout=0.0, kernel_regularizer=None)
    assert lstm == LSTM(8)
    assert Conv2D(4, 3, dilation_rate=(1, 1), groups=1) == Conv2D(4, (3, 3))


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Dense(0), r"Dense: units must be a positive integer, got 0"),
        (lambda: Dense(4, activation="gelu"), r"activation must be one of linear, relu"),
        (lambda: Dense(4, kernel_initializer="uniform"), r"kernel_initializer must be one of glorot_uniform"),
        (lambda: Dropout(1.0), r"rate must be in \[0, 1\)"),
        (lambda: Conv2D(4, (3, 3, 3)), r"kernel_size must be an integer or a pair"),
        (lambda: MaxPooling2D(padding="full"), r"padding must be one of valid, same"),
        (lambda: Reshape((0, 4)), r"target_shape must be positive integers, or -1"),
        (lambda: Embedding(10, 4, padding_index=10), r"padding_index must be -1 \(none\) or an id in \[0, 10\)"),
        (lambda: Activation("linear"), r"activation must be one of relu"),
        (lambda: Input(shape=(None, 4)), r"needs every dimension known"),
    ],
)
def test_bad_values_name_the_layer_the_argument_and_the_value(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_activation_layers_render_their_engine_types():
    net = Sequential([Dense(2), Activation("relu"), Sigmoid(), LeakyReLU(), Activation("leaky_relu")], input_shape=(3,))
    types = [(l["type"], l.get("alpha")) for l in net.to_dict()["layers"][1:]]
    assert types == [("ReLU", None), ("Sigmoid", None), ("LeakyReLU", 0.3), ("LeakyReLU", 0.3)]


def test_keras3_negative_slope_is_leaky_relu_alpha():
    assert LeakyReLU(negative_slope=0.2).to_dict()["alpha"] == 0.2


def test_embedding_mask_zero_is_padding_index_zero_and_input_length_the_input_shape():
    net = Sequential([Embedding(50, 8, mask_zero=True, input_length=12), LSTM(4), Dense(2, activation="softmax")])
    d = net.to_dict()
    assert d["inputShape"] == [12]
    assert d["layers"][0]["paddingIndex"] == 0
    assert Embedding(50, 8).to_dict()["paddingIndex"] == -1


@pytest.mark.parametrize("padding", [[1, 1, 1], [1, -1, 0, 0], ["1", 1, 1, 1], "full"])
def test_padding_is_a_keyword_or_four_pads_and_errors_name_the_layer(padding):
    with pytest.raises(ValueError, match=r"Conv2D: padding must be 'valid', 'same'|Conv2D: padding must be one of"):
        Conv2D(8, 3, padding=padding)


def test_all_zero_pads_are_valid_as_the_engine_writes_them():
    assert Conv2D(8, 3, padding=(0, 0, 0, 0)).to_dict()["padding"] == "valid"
    assert MaxPooling2D(2, padding=[0, 1, 0, 1]).to_dict()["padding"] == [0, 1, 0, 1]
