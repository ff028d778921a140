"""What every layer shares: argument checks with errors naming the layer, and the input shape."""

import numbers
from collections import OrderedDict

# The engine's activation keywords and the JSON type of each stand-alone activation layer
# (io.sparknn.nn.layer.Activation).
ACTIVATION_LAYER_TYPES = OrderedDict(
    [
        ("relu", "ReLU"),
        ("leaky_relu", "LeakyReLU"),
        ("sigmoid", "Sigmoid"),
        ("tanh", "Tanh"),
        ("softmax", "Softmax"),
    ]
)
ACTIVATIONS = ("linear",) + tuple(ACTIVATION_LAYER_TYPES)
INITIALIZERS = ("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "zeros", "orthogonal")
PADDINGS = ("valid", "same")
DEFAULT_LEAKY_ALPHA = 0.3


class UnsupportedArgumentError(ValueError):
    """A Keras argument (or value) that the spark-nn engine does not support."""


class Layer:
    """A layer description: ``type`` plus an ordered configuration, as the network JSON holds it."""

    type = None

    def __init__(self, kwargs, supported_defaults=None):
        """Takes the Keras arguments the subclass did not consume.

        ``supported_defaults`` maps Keras arguments the engine has no setting for to the only
        value it supports (Keras' default); any other value is an error naming the argument.
        """
        self.name = kwargs.pop("name", None)
        self.input_shape = _input_shape_of(self, kwargs)
        dtype = kwargs.pop("dtype", None)
        if dtype not in (None, "float32"):
            raise self.unsupported("dtype", dtype, "the engine computes in float32")
        trainable = kwargs.pop("trainable", True)
        if trainable is not True:
            raise self.unsupported(
                "trainable", trainable, "freeze layers with the estimator's frozenLayers param (layer indices)"
            )
        for arg, only in (supported_defaults or {}).items():
            if arg in kwargs:
                value = kwargs.pop(arg)
                if not _same(value, only):
                    raise self.unsupported(arg, value, "only %r is supported" % (only,))
        if kwargs:
            arg = sorted(kwargs)[0]
            raise self.unsupported(arg, kwargs[arg], "the engine has no such setting")

    def config(self):
        """The JSON keys after ``type``, in the engine's order."""
        return OrderedDict()

    def to_dict(self):
        d = OrderedDict(type=self.type)
        d.update(self.config())
        return d

    def describe(self):
        return self.type if self.name is None else "%s '%s'" % (self.type, self.name)

    def unsupported(self, arg, value, why):
        return UnsupportedArgumentError(
            "%s: argument %s=%r is not supported by spark-nn (%s)." % (self.describe(), arg, value, why)
        )

    def bad(self, arg, value, expected):
        return ValueError("%s: %s must be %s, got %r." % (self.describe(), arg, expected, value))

    def positive_int(self, arg, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
            raise self.bad(arg, value, "a positive integer")
        return int(value)

    def flag(self, arg, value):
        if not isinstance(value, bool):
            raise self.bad(arg, value, "True or False")
        return value

    def number(self, arg, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise self.bad(arg, value, "a number")
        return float(value)

    def choice(self, arg, value, choices, default):
        if value is None:
            return default
        if not isinstance(value, str) or value.lower() not in choices:
            raise self.bad(arg, value, "one of %s" % ", ".join(choices))
        return value.lower()

    def padding_value(self, value):
        """Keras' "valid" or "same", or spark-nn's explicit pads [top, bottom, left, right]."""
        if isinstance(value, (tuple, list)):
            if len(value) != 4 or any(
                isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < 0 for v in value
            ):
                raise self.bad("padding", value, "'valid', 'same' or four non-negative integers [top, bottom, left, right]")
            pads = [int(v) for v in value]
            # All-zero pads are "valid", as the engine writes them.
            return "valid" if not any(pads) else pads
        return self.choice("padding", value, PADDINGS, "valid")

    def activation(self, value):
        if value is not None and not isinstance(value, str):
            raise self.unsupported(
                "activation", value, "give the activation by name: one of %s" % ", ".join(ACTIVATIONS)
            )
        return self.choice("activation", value, ACTIVATIONS, "linear")

    def initializer(self, arg, value):
        if not isinstance(value, str):
            raise self.unsupported(arg, value, "give the initializer by name: one of %s" % ", ".join(INITIALIZERS))
        return self.choice(arg, value, INITIALIZERS, None)

    def pair(self, arg, value):
        """A Keras size pair: one integer for both axes, or (height, width)."""
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            value = (value, value)
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise self.bad(arg, value, "an integer or a pair (height, width)")
        return [self.positive_int(arg, v) for v in value]

    def data_format(self, value):
        if value not in (None, "channels_first", "channels_last"):
            raise self.bad("data_format", value, "'channels_first' or 'channels_last'")
        if value == "channels_last":
            raise self.unsupported(
                "data_format",
                value,
                "spark-nn images are channels-first [C, H, W]; give input_shape=(C, H, W) "
                "and the features in that order",
            )
        return value

    def weights_head(self, activation, use_bias, kernel_initializer, bias_initializer):
        """Reads what Dense and Conv2D share: the activation after them, the bias, the initializers."""
        self.activation_name = self.activation(activation)
        self.use_bias = self.flag("use_bias", use_bias)
        self.kernel_initializer = self.initializer("kernel_initializer", kernel_initializer)
        self.bias_initializer = self.initializer("bias_initializer", bias_initializer)

    def weights_head_config(self):
        return [
            ("activation", self.activation_name),
            ("useBias", self.use_bias),
            ("kernelInitializer", self.kernel_initializer),
            ("biasInitializer", self.bias_initializer),
        ]

    def __eq__(self, other):
        return type(self) is type(other) and self.to_dict() == other.to_dict()

    def __hash__(self):
        return hash(repr(self))

    def __repr__(self):
        args = ", ".join("%s=%r" % kv for kv in self.config().items())
        return "%s(%s)" % (type(self).__name__, args)


def _same(value, only):
    if isinstance(only, tuple) and isinstance(value, (tuple, list)):
        return tuple(value) == only
    if isinstance(only, bool) or only is None:
        return value is only
    return value == only


def _input_shape_of(layer, kwargs):
    shape = kwargs.pop("input_shape", None)
    batch_shape = kwargs.pop("batch_input_shape", None)
    input_dim = kwargs.pop("input_dim", None)
    input_length = kwargs.pop("input_length", None)
    if shape is None and batch_shape is not None:
        shape = tuple(batch_shape)[1:]
    if shape is None and input_dim is not None:
        shape = (input_dim,)
    if shape is None and input_length is not None:
        shape = (input_length,)
    return None if shape is None else _shape(layer.describe() if layer.type else "input", shape)


def _shape(where, shape):
    if isinstance(shape, numbers.Integral) and not isinstance(shape, bool):
        shape = (shape,)
    if not isinstance(shape, (tuple, list)) or not shape:
        raise ValueError("%s: the input shape must be a non-empty tuple of positive integers, got %r." % (where, shape))
    for d in shape:
        if isinstance(d, bool) or not isinstance(d, numbers.Integral) or d <= 0:
            raise ValueError(
                "%s: the input shape %r has the dimension %r; spark-nn needs every dimension known "
                "and positive (no None batch or time axis)." % (where, tuple(shape), d)
            )
    return tuple(int(d) for d in shape)


class Input:
    """Keras' ``Input(shape=...)``: the first element of a ``Sequential`` layer list (no JSON layer)."""

    def __init__(self, shape=None, batch_size=None, name=None, dtype=None, **kwargs):
        if kwargs:
            arg = sorted(kwargs)[0]
            raise UnsupportedArgumentError("Input: argument %s=%r is not supported by spark-nn." % (arg, kwargs[arg]))
        if dtype not in (None, "float32"):
            raise UnsupportedArgumentError("Input: dtype=%r is not supported (the engine computes in float32)." % dtype)
        self.shape = _shape("Input", shape)
        self.name = name

    def __repr__(self):
        return "Input(shape=%r)" % (self.shape,)


NO_REGULARIZERS = {
    "kernel_regularizer": None,
    "bias_regularizer": None,
    "activity_regularizer": None,
    "kernel_constraint": None,
    "bias_constraint": None,
}
