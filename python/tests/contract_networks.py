"""The Keras-style definitions of the network contract fixtures.

Each network here must render exactly the JSON file of the same name in
spark-nn/core/src/test/resources/network-contract/, which the JVM test NetworkContractTest
parses, re-writes and builds.
"""

from sparknn import Sequential
from sparknn.layers import (
    GRU,
    LSTM,
    Activation,
    AveragePooling2D,
    BatchNormalization,
    Conv2D,
    Dense,
    Dropout,
    Embedding,
    Flatten,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalMaxPooling2D,
    Input,
    LeakyReLU,
    MaxPooling2D,
    ReLU,
    Reshape,
    Softmax,
)


def mlp():
    return Sequential(
        [
            Input(shape=(28, 28)),
            Flatten(),
            Dense(256, activation="relu"),
            BatchNormalization(),
            Dropout(0.2),
            Dense(128, use_bias=False, kernel_initializer="he_normal"),
            LeakyReLU(alpha=0.1),
            Dense(10, activation="softmax"),
        ]
    )


def cnn():
    return Sequential(
        [
            Input(shape=(784,)),
            Reshape((28, 28, 1)),
            Conv2D(32, 3, padding="same", use_bias=False),
            BatchNormalization(),
            ReLU(),
            MaxPooling2D(),
            Conv2D(64, (3, 3), strides=2, activation="relu"),
            AveragePooling2D(pool_size=2, strides=1, padding="same"),
            Activation("tanh"),
            GlobalAveragePooling2D(),
            Dense(10, activation="softmax"),
        ]
    )


def sequence():
    return Sequential(
        [
            Embedding(10000, 64, mask_zero=True, input_length=100),
            LSTM(32, return_sequences=True),
            GRU(16, return_sequences=True, recurrent_initializer="glorot_uniform"),
            GlobalAveragePooling1D(),
            Dense(2),
            Softmax(),
        ]
    )


def padded_cnn():
    """Explicit and asymmetric pads (as PyTorch and ONNX give them), counted padding, global max."""
    return Sequential(
        [
            Input(shape=(784,)),
            Reshape((1, 28, 28)),
            Conv2D(8, 3, padding=[1, 1, 1, 1], activation="relu"),
            MaxPooling2D(2, padding=(0, 1, 0, 1)),
            AveragePooling2D(3, strides=1, padding=[1, 1, 1, 1], count_padding=True),
            GlobalMaxPooling2D(),
            Dense(10, activation="softmax"),
        ]
    )


NETWORKS = {"mlp": mlp, "cnn": cnn, "sequence": sequence, "padded_cnn": padded_cnn}
