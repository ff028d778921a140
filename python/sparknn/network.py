"""``Sequential``: a Keras-style list of layers rendered as the engine's network JSON."""

import json
from collections import OrderedDict

from sparknn.layers import (
    AveragePooling2D,
    Conv2D,
    GlobalAveragePooling2D,
    Input,
    Layer,
    MaxPooling2D,
    Reshape,
)

__all__ = ["Sequential"]

_IMAGE_LAYERS = (Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D)


class Sequential:
    """An input shape and an ordered list of layers, as Keras' ``Sequential``.

    The input shape comes from ``input_shape=``, a leading ``Input(shape=...)``, or the first
    layer's ``input_shape=`` (or an ``Embedding``'s ``input_length=``), as in Keras.

    spark-nn images are channels-first ``[C, H, W]``. A Keras channels-last image shape with one
    channel, ``(28, 28, 1)``, holds its values in the same order as ``(1, 28, 28)``, so a network
    with image layers takes it (and a ``Reshape`` to it) as ``(1, 28, 28)``; a channels-last
    shape with more channels is an error naming the shape to use instead.

    >>> from sparknn.layers import Dense
    >>> Sequential([Dense(10, activation="softmax")], input_shape=(784,)).to_json()[:30]
    '{"inputShape":[784],"layers":['
    """

    def __init__(self, layers=None, input_shape=None, name=None):
        self.name = name
        self.layers = []
        self._input_shape = None
        if input_shape is not None:
            self._input_shape = Input(shape=input_shape).shape
        for layer in layers or []:
            self.add(layer)

    def add(self, layer):
        """Appends a layer (or, before any layer, an ``Input``); returns this network."""
        if isinstance(layer, Input):
            if self.layers:
                raise ValueError(
                    "Sequential: an Input must come before the first layer, not after %d layer(s)." % len(self.layers)
                )
            self._set_input_shape(layer.shape, "Input(shape=...)")
            return self
        if not isinstance(layer, Layer):
            raise TypeError(
                "Sequential: layer %d is %r, not a sparknn layer. Import layers from sparknn.layers "
                "(e.g. from sparknn.layers import Dense)." % (len(self.layers), layer)
            )
        if layer.input_shape is not None:
            if self.layers:
                raise ValueError(
                    "Sequential: layer %d (%s) gives input_shape=%r, but only the first layer can."
                    % (len(self.layers), layer.describe(), layer.input_shape)
                )
            self._set_input_shape(layer.input_shape, "%s(input_shape=...)" % layer.type)
        self.layers.append(layer)
        return self

    def _set_input_shape(self, shape, source):
        if self._input_shape is not None and tuple(self._input_shape) != tuple(shape):
            raise ValueError(
                "Sequential: %s gives the input shape %r, but it is already %r." % (source, shape, self._input_shape)
            )
        self._input_shape = tuple(shape)

    @property
    def input_shape(self):
        """The input shape as the engine reads it (channels-first for images)."""
        if self._input_shape is None:
            raise ValueError(
                "Sequential: the input shape is not known. Give Sequential(..., input_shape=(784,)), "
                "start the layers with Input(shape=(784,)), or give the first layer input_shape=(784,)."
            )
        return self._channels_first(self._input_shape, "the input shape")

    def _channels_first(self, shape, what):
        if len(shape) != 3 or not any(isinstance(l, _IMAGE_LAYERS) for l in self.layers):
            return list(shape)
        if any(getattr(l, "data_format", None) == "channels_first" for l in self.layers):
            return list(shape)
        h, w, c = shape
        if c >= h:  # (C, H, W) already: the channel count is below the height
            return list(shape)
        if c == 1:
            return [1, h, w]
        raise ValueError(
            "Sequential: %s %r looks channels-last (H, W, C), Keras' default. spark-nn images are "
            "channels-first: use (%d, %d, %d) and give the features in C, H, W order." % (what, tuple(shape), c, h, w)
        )

    def to_dict(self):
        if not self.layers:
            raise ValueError("Sequential: a network needs at least one layer, e.g. Dense(10).")
        layers = []
        for layer in self.layers:
            d = layer.to_dict()
            if isinstance(layer, Reshape) and d["targetShape"].count(-1) == 0:
                d["targetShape"] = self._channels_first(d["targetShape"], "the Reshape target shape")
            layers.append(d)
        return OrderedDict([("inputShape", self.input_shape), ("layers", layers)])

    def to_json(self):
        """The network JSON the JVM engine reads (the value of the estimators' ``network`` param)."""
        return json.dumps(self.to_dict(), separators=(",", ":"))

    def __repr__(self):
        lines = ["Sequential(input_shape=%r, layers=[" % (self._input_shape,)]
        lines += ["    %r," % (l,) for l in self.layers]
        return "\n".join(lines + ["])"])

    def __eq__(self, other):
        return isinstance(other, Sequential) and self.to_dict() == other.to_dict()

    __hash__ = None
