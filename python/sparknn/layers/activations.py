"""Stand-alone activation layers (the engine's ReLU, LeakyReLU, Sigmoid, Tanh, Softmax)."""

from collections import OrderedDict

from sparknn.layers.base import ACTIVATION_LAYER_TYPES, DEFAULT_LEAKY_ALPHA, Layer


class _ActivationLayer(Layer):
    keyword = None

    def __init__(self, kwargs, supported_defaults=None):
        super().__init__(kwargs, supported_defaults)
        self.type = ACTIVATION_LAYER_TYPES[self.keyword]


class Activation(_ActivationLayer):
    """A stand-alone activation by name, e.g. ``Activation('relu')`` (JSON type ``ReLU``)."""

    def __init__(self, activation, **kwargs):
        self.type = "Activation"
        if not isinstance(activation, str) or activation.lower() not in ACTIVATION_LAYER_TYPES:
            raise ValueError(
                "Activation: activation must be one of %s, got %r." % (", ".join(ACTIVATION_LAYER_TYPES), activation)
            )
        self.keyword = activation.lower()
        super().__init__(kwargs)

    def config(self):
        if self.keyword == "leaky_relu":
            return OrderedDict(alpha=DEFAULT_LEAKY_ALPHA)
        return OrderedDict()


class ReLU(_ActivationLayer):
    """``max(x, 0)``; Keras' ``max_value``, ``negative_slope`` and ``threshold`` only at their defaults."""

    keyword = "relu"

    def __init__(self, **kwargs):
        super().__init__(kwargs, {"max_value": None, "negative_slope": 0.0, "threshold": 0.0})


class LeakyReLU(_ActivationLayer):
    """``x`` for ``x >= 0``, ``alpha * x`` below (Keras 3 calls it ``negative_slope``); default 0.3."""

    keyword = "leaky_relu"

    def __init__(self, alpha=None, negative_slope=None, **kwargs):
        super().__init__(kwargs)
        if alpha is not None and negative_slope is not None and alpha != negative_slope:
            raise self.bad("alpha", alpha, "equal to negative_slope=%r when both are given" % negative_slope)
        slope = alpha if alpha is not None else negative_slope
        self.alpha = DEFAULT_LEAKY_ALPHA if slope is None else self.number("alpha", slope)
        if not self.alpha >= 0.0:
            raise self.bad("alpha", slope, "a finite value >= 0")

    def config(self):
        return OrderedDict(alpha=self.alpha)


class Sigmoid(_ActivationLayer):
    """The logistic function, element-wise."""

    keyword = "sigmoid"

    def __init__(self, **kwargs):
        super().__init__(kwargs)


class Tanh(_ActivationLayer):
    """The hyperbolic tangent, element-wise."""

    keyword = "tanh"

    def __init__(self, **kwargs):
        super().__init__(kwargs)


class Softmax(_ActivationLayer):
    """Softmax over the whole (flat) sample, Keras' ``Softmax(axis=-1)`` on a flat input."""

    keyword = "softmax"

    def __init__(self, **kwargs):
        super().__init__(kwargs, {"axis": -1})
