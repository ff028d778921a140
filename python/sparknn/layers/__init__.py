"""Keras-style layers that describe a spark-nn network.

Each class takes Keras' argument names and defaults and renders one layer object of the
network JSON that the JVM engine reads (``io.sparknn.nn.NetworkSpec``): same ``type``, same
keys, same key order, so ``Sequential(...).to_json()`` equals the JVM's own ``toJson()``.

A Keras argument the engine cannot honour raises ``UnsupportedArgumentError`` naming the layer
and the argument; passing it with Keras' default value (``kernel_regularizer=None``) is fine, so
existing Keras definitions run unchanged where the engine supports what they ask for.

Images are channels-first (``[C, H, W]``) in spark-nn; see ``Sequential`` for how a Keras
channels-last input of one channel is accepted.
"""

from sparknn.layers.activations import Activation, LeakyReLU, ReLU, Sigmoid, Softmax, Tanh
from sparknn.layers.base import Input, Layer, UnsupportedArgumentError
from sparknn.layers.convolutional import (
    AveragePooling2D,
    Conv2D,
    GlobalAveragePooling2D,
    GlobalMaxPooling2D,
    MaxPooling2D,
)
from sparknn.layers.core import BatchNormalization, Dense, Dropout, Flatten, Reshape
from sparknn.layers.recurrent import GRU, LSTM, Embedding, GlobalAveragePooling1D

# The layer kinds of the engine's network JSON, one class each. A new engine layer gets a class in
# the module of its family, with the engine's JSON type and keys, an import above and an entry here.
__all__ = [
    "Layer",
    "Input",
    "UnsupportedArgumentError",
    "Dense",
    "Dropout",
    "Flatten",
    "Reshape",
    "BatchNormalization",
    "Activation",
    "ReLU",
    "LeakyReLU",
    "Sigmoid",
    "Tanh",
    "Softmax",
    "Conv2D",
    "MaxPooling2D",
    "AveragePooling2D",
    "GlobalAveragePooling2D",
    "GlobalMaxPooling2D",
    "Embedding",
    "LSTM",
    "GRU",
    "GlobalAveragePooling1D",
]
