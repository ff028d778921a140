"""Dense, dropout, reshaping and normalization layers."""

import numbers
from collections import OrderedDict

from sparknn.layers.base import Layer, NO_REGULARIZERS


class Dense(Layer):
    """A fully connected layer ``y = activation(x W + b)`` on a flat input."""

    type = "Dense"

    def __init__(
        self,
        units,
        activation=None,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        **kwargs
    ):
        super().__init__(kwargs, dict(NO_REGULARIZERS, lora_rank=None))
        self.units = self.positive_int("units", units)
        self.weights_head(activation, use_bias, kernel_initializer, bias_initializer)

    def config(self):
        return OrderedDict([("units", self.units)] + self.weights_head_config())


class Dropout(Layer):
    """Inverted dropout with probability ``rate`` in training; the identity at inference."""

    type = "Dropout"

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(kwargs)
        if noise_shape is not None:
            raise self.unsupported("noise_shape", noise_shape, "dropout masks every element independently")
        if seed is not None:
            raise self.unsupported("seed", seed, "dropout draws from the estimator's seed param")
        self.rate = self.number("rate", rate)
        if not 0.0 <= self.rate < 1.0:
            raise self.bad("rate", rate, "in [0, 1)")

    def config(self):
        return OrderedDict(rate=self.rate)


class Flatten(Layer):
    """Flattens each sample to ``[size]`` in row-major order."""

    type = "Flatten"

    def __init__(self, data_format=None, **kwargs):
        super().__init__(kwargs)
        self.data_format = self.data_format(data_format)


class Reshape(Layer):
    """Gives each sample a new shape with as many values; one dimension may be -1."""

    type = "Reshape"

    def __init__(self, target_shape, **kwargs):
        super().__init__(kwargs)
        if isinstance(target_shape, numbers.Integral) and not isinstance(target_shape, bool):
            target_shape = (target_shape,)
        if not isinstance(target_shape, (tuple, list)) or not target_shape:
            raise self.bad("target_shape", target_shape, "a non-empty tuple of integers")
        for d in target_shape:
            if isinstance(d, bool) or not isinstance(d, numbers.Integral) or (d <= 0 and d != -1):
                raise self.bad("target_shape", target_shape, "positive integers, or -1 for one inferred dimension")
        self.target_shape = [int(d) for d in target_shape]

    def config(self):
        return OrderedDict(targetShape=self.target_shape)


class BatchNormalization(Layer):
    """Batch normalization over the channel axis (the features of a flat input, C of [C, H, W])."""

    type = "BatchNormalization"

    def __init__(self, axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, **kwargs):
        super().__init__(
            kwargs,
            {
                "beta_initializer": "zeros",
                "gamma_initializer": "ones",
                "moving_mean_initializer": "zeros",
                "moving_variance_initializer": "ones",
                "beta_regularizer": None,
                "gamma_regularizer": None,
                "beta_constraint": None,
                "gamma_constraint": None,
                "synchronized": False,
            },
        )
        if axis not in (-1, 1):
            raise self.unsupported(
                "axis", axis, "spark-nn normalizes the channel axis: the features of a flat input, C of [C, H, W]"
            )
        self.momentum = self.number("momentum", momentum)
        if not 0.0 <= self.momentum < 1.0:
            raise self.bad("momentum", momentum, "in [0, 1)")
        self.epsilon = self.number("epsilon", epsilon)
        if not self.epsilon > 0.0:
            raise self.bad("epsilon", epsilon, "> 0")
        self.center = self.flag("center", center)
        self.scale = self.flag("scale", scale)

    def config(self):
        return OrderedDict(
            [("momentum", self.momentum), ("epsilon", self.epsilon), ("center", self.center), ("scale", self.scale)]
        )
