"""Sequence layers: token embeddings, recurrent layers and pooling over time."""

import numbers
from collections import OrderedDict

from sparknn.layers.base import Layer, NO_REGULARIZERS


class Embedding(Layer):
    """A table of ``input_dim`` learned vectors of ``output_dim`` values, looked up by token id.

    ``mask_zero=True`` (Keras) makes id 0 the padding id; ``padding_index`` names any other id.
    The default initializer is the engine's ``glorot_uniform`` (Keras' ``uniform`` is not offered).
    """

    type = "Embedding"

    def __init__(
        self,
        input_dim,
        output_dim,
        embeddings_initializer="glorot_uniform",
        mask_zero=False,
        padding_index=None,
        **kwargs
    ):
        super().__init__(
            kwargs,
            {
                "embeddings_regularizer": None,
                "activity_regularizer": None,
                "embeddings_constraint": None,
                "lora_rank": None,
            },
        )
        self.input_dim = self.positive_int("input_dim", input_dim)
        self.output_dim = self.positive_int("output_dim", output_dim)
        self.embeddings_initializer = self.initializer("embeddings_initializer", embeddings_initializer)
        self.flag("mask_zero", mask_zero)
        if padding_index is None:
            padding_index = 0 if mask_zero else -1
        elif mask_zero and padding_index != 0:
            raise self.bad("padding_index", padding_index, "0 (or left out) with mask_zero=True")
        if isinstance(padding_index, bool) or not isinstance(padding_index, numbers.Integral):
            raise self.bad("padding_index", padding_index, "an integer id")
        if not -1 <= padding_index < self.input_dim:
            raise self.bad("padding_index", padding_index, "-1 (none) or an id in [0, %d)" % self.input_dim)
        self.padding_index = int(padding_index)

    def config(self):
        return OrderedDict(
            [
                ("inputDim", self.input_dim),
                ("outputDim", self.output_dim),
                ("paddingIndex", self.padding_index),
                ("embeddingsInitializer", self.embeddings_initializer),
            ]
        )


_RECURRENT_DEFAULTS = dict(
    NO_REGULARIZERS,
    activation="tanh",
    recurrent_activation="sigmoid",
    use_bias=True,
    recurrent_regularizer=None,
    recurrent_constraint=None,
    dropout=0.0,
    recurrent_dropout=0.0,
    return_state=False,
    go_backwards=False,
    stateful=False,
    unroll=False,
    seed=None,
    use_cudnn="auto",
    time_major=False,
)


class _Recurrent(Layer):
    def __init__(self, units, return_sequences, kernel, recurrent, bias, kwargs, extra_defaults):
        super().__init__(kwargs, dict(_RECURRENT_DEFAULTS, **extra_defaults))
        self.units = self.positive_int("units", units)
        self.return_sequences = self.flag("return_sequences", return_sequences)
        self.kernel_initializer = self.initializer("kernel_initializer", kernel)
        self.recurrent_initializer = self.initializer("recurrent_initializer", recurrent)
        self.bias_initializer = self.initializer("bias_initializer", bias)

    def config(self):
        return OrderedDict(
            [
                ("units", self.units),
                ("returnSequences", self.return_sequences),
                ("kernelInitializer", self.kernel_initializer),
                ("recurrentInitializer", self.recurrent_initializer),
                ("biasInitializer", self.bias_initializer),
            ]
        )


class LSTM(_Recurrent):
    """Long short-term memory over ``[time, features]``; tanh and sigmoid, Keras' gate order."""

    type = "LSTM"

    def __init__(
        self,
        units,
        return_sequences=False,
        kernel_initializer="glorot_uniform",
        recurrent_initializer="orthogonal",
        bias_initializer="zeros",
        unit_forget_bias=True,
        **kwargs
    ):
        super().__init__(
            units, return_sequences, kernel_initializer, recurrent_initializer, bias_initializer, kwargs, {}
        )
        self.unit_forget_bias = self.flag("unit_forget_bias", unit_forget_bias)

    def config(self):
        c = super().config()
        c["unitForgetBias"] = self.unit_forget_bias
        return c


class GRU(_Recurrent):
    """Gated recurrent unit over ``[time, features]``, Keras' ``reset_after=True`` form."""

    type = "GRU"

    def __init__(
        self,
        units,
        return_sequences=False,
        kernel_initializer="glorot_uniform",
        recurrent_initializer="orthogonal",
        bias_initializer="zeros",
        **kwargs
    ):
        super().__init__(
            units,
            return_sequences,
            kernel_initializer,
            recurrent_initializer,
            bias_initializer,
            kwargs,
            {"reset_after": True},
        )


class GlobalAveragePooling1D(Layer):
    """The mean over time of sequences ``[time, features]``, giving ``[features]``."""

    type = "GlobalAveragePooling1D"

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(kwargs)
        if data_format not in (None, "channels_last"):
            raise self.unsupported("data_format", data_format, "sequences are [time, features]")
        if keepdims is not False:
            raise self.unsupported("keepdims", keepdims, "the output is always [features]")
