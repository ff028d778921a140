"""Image layers over channels-first ``[C, H, W]`` samples."""

from collections import OrderedDict

from sparknn.layers.base import Layer, NO_REGULARIZERS


class Conv2D(Layer):
    """A 2-D convolution over ``[C, H, W]`` samples (cross-correlation, dilation 1)."""

    type = "Conv2D"

    def __init__(
        self,
        filters,
        kernel_size,
        strides=(1, 1),
        padding="valid",
        data_format=None,
        dilation_rate=(1, 1),
        activation=None,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        **kwargs
    ):
        super().__init__(kwargs, dict(NO_REGULARIZERS, groups=1))
        self.data_format = self.data_format(data_format)
        if self.pair("dilation_rate", dilation_rate) != [1, 1]:
            raise self.unsupported("dilation_rate", dilation_rate, "dilated convolutions are not supported")
        self.filters = self.positive_int("filters", filters)
        self.kernel_size = self.pair("kernel_size", kernel_size)
        self.strides = self.pair("strides", strides)
        self.padding = self.padding_value(padding)
        self.weights_head(activation, use_bias, kernel_initializer, bias_initializer)

    def config(self):
        return OrderedDict(
            [
                ("filters", self.filters),
                ("kernelSize", self.kernel_size),
                ("strides", self.strides),
                ("padding", self.padding),
            ]
            + self.weights_head_config()
        )


class _Pooling2D(Layer):
    def __init__(self, pool_size, strides, padding, data_format, kwargs):
        super().__init__(kwargs)
        self.data_format = self.data_format(data_format)
        self.pool_size = self.pair("pool_size", pool_size)
        self.strides = self.pool_size if strides is None else self.pair("strides", strides)
        self.padding = self.padding_value(padding)

    def config(self):
        return OrderedDict([("poolSize", self.pool_size), ("strides", self.strides), ("padding", self.padding)])


class MaxPooling2D(_Pooling2D):
    """The maximum over each window of each channel; strides default to the pool size."""

    type = "MaxPooling2D"

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, **kwargs):
        super().__init__(pool_size, strides, padding, data_format, kwargs)


class AveragePooling2D(_Pooling2D):
    """The mean over each window of each channel; strides default to the pool size.

    Padded cells are not counted (Keras' ``same``, ONNX ``count_include_pad=0``);
    ``count_padding=True`` divides by the whole window instead (PyTorch's default).
    """

    type = "AveragePooling2D"

    def __init__(
        self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, count_padding=False, **kwargs
    ):
        super().__init__(pool_size, strides, padding, data_format, kwargs)
        self.count_padding = self.flag("count_padding", count_padding)

    def config(self):
        config = super().config()
        if self.count_padding:
            config["countPadding"] = True
        return config


class GlobalAveragePooling2D(Layer):
    """The mean of each channel of a ``[C, H, W]`` sample, giving ``[C]``."""

    type = "GlobalAveragePooling2D"

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(kwargs)
        self.data_format = self.data_format(data_format)
        if keepdims is not False:
            raise self.unsupported("keepdims", keepdims, "the output is always [C]")


class GlobalMaxPooling2D(Layer):
    """The maximum of each channel of a ``[C, H, W]`` sample, giving ``[C]``."""

    type = "GlobalMaxPooling2D"

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(kwargs)
        self.data_format = self.data_format(data_format)
        if keepdims is not False:
            raise self.unsupported("keepdims", keepdims, "the output is always [C]")

    def config(self):
        return OrderedDict()
