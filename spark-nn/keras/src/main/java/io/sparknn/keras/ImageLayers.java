package io.sparknn.keras;

import io.sparknn.keras.NetworkAssembler.Layout;
import io.sparknn.nn.AveragePooling2D;
import io.sparknn.nn.Conv2D;
import io.sparknn.nn.Flatten;
import io.sparknn.nn.GlobalAveragePooling2D;
import io.sparknn.nn.GlobalMaxPooling2D;
import io.sparknn.nn.MaxPooling2D;
import io.sparknn.nn.Reshape;
import io.sparknn.nn.layer.Padding;
import java.util.List;
import java.util.Map;

/** Conv2D, the 2-D poolings, Flatten and Reshape: where Keras' channels-last layout meets the engine's. */
final class ImageLayers {
    private ImageLayers() {}

    static void register(Map<String, LayerConverter> m) {
        m.put("Conv2D", ImageLayers::conv2d);
        m.put("MaxPooling2D", (l, n) -> pooling(l, n, true));
        m.put("MaxPool2D", (l, n) -> pooling(l, n, true));
        m.put("AveragePooling2D", (l, n) -> pooling(l, n, false));
        m.put("AvgPool2D", (l, n) -> pooling(l, n, false));
        m.put("GlobalAveragePooling2D", (l, n) -> globalPooling(l, n, false));
        m.put("GlobalAvgPool2D", (l, n) -> globalPooling(l, n, false));
        m.put("GlobalMaxPooling2D", (l, n) -> globalPooling(l, n, true));
        m.put("GlobalMaxPool2D", (l, n) -> globalPooling(l, n, true));
        m.put("Flatten", ImageLayers::flatten);
        m.put("Reshape", ImageLayers::reshape);
    }

    /** Channels last only: Keras' channels_first input would already be the engine's layout, but is rare. */
    private static void requireImage(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        layer.require("data_format", "channels_last", "spark-nn converts channels-last Keras images");
        if (net.layout() != Layout.IMAGE) {
            throw net.wrongInput(layer, "an image [height, width, channels]");
        }
    }

    private static void conv2d(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        requireImage(layer, net);
        int[] dilation = layer.pair("dilation_rate", new int[] {1, 1});
        if (dilation[0] != 1 || dilation[1] != 1) {
            throw layer.unsupported("dilation_rate=" + layer.get("dilation_rate"), "Only dilation_rate=1 is.");
        }
        layer.require("groups", 1, "spark-nn has no grouped convolutions");
        int filters = layer.integer("filters", -1);
        int[] k = layer.pair("kernel_size", null);
        int[] s = layer.pair("strides", new int[] {1, 1});
        boolean useBias = layer.bool("use_bias", true);
        KerasActivations.Mapping act = KerasActivations.of(layer, "activation");
        int in = net.shape().dim(0);
        List<WeightArray> ws = useBias
                ? net.weights(layer, new int[] {k[0], k[1], in, filters}, new int[] {filters})
                : net.weights(layer, new int[] {k[0], k[1], in, filters});
        Conv2D conv = Conv2D.builder(filters, k[0])
                .kernelSize(k[0], k[1])
                .strides(s[0], s[1])
                .padding(padding(layer))
                .activation(act.inline())
                .useBias(useBias)
                .build();
        net.add(layer, conv, Layout.IMAGE);
        net.addWeights(ChannelsLast.convKernel(ws.get(0).values(), k[0], k[1], in, filters));
        if (useBias) {
            net.addWeights(ws.get(1).values());
        }
        CoreLayers.addAfter(layer, net, act);
    }

    private static Padding padding(KerasLayer layer) throws KerasImportException {
        String p = layer.string("padding", "valid");
        if (!p.equals("valid") && !p.equals("same")) {
            throw layer.unsupported("padding='" + p + "'", "Supported: 'valid' and 'same'.");
        }
        return Padding.fromKeyword(p);
    }

    private static void pooling(KerasLayer layer, NetworkAssembler net, boolean max) throws KerasImportException {
        requireImage(layer, net);
        int[] pool = layer.pair("pool_size", new int[] {2, 2});
        int[] s = layer.pair("strides", pool);
        Padding padding = padding(layer);
        net.add(
                layer,
                max
                        ? new MaxPooling2D(pool[0], pool[1], s[0], s[1], padding)
                        : new AveragePooling2D(pool[0], pool[1], s[0], s[1], padding),
                Layout.IMAGE);
    }

    private static void globalPooling(KerasLayer layer, NetworkAssembler net, boolean max) throws KerasImportException {
        requireImage(layer, net);
        layer.require("keepdims", false, "the pooled channels feed a vector layer");
        net.add(layer, max ? new GlobalMaxPooling2D() : new GlobalAveragePooling2D(), Layout.FLAT);
    }

    /** An image is flattened channels-first by the engine; the order the next layer must expect is recorded. */
    private static void flatten(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        layer.require("data_format", "channels_last", "spark-nn converts channels-last Keras images");
        switch (net.layout()) {
            case FLAT -> {
                // already flat: nothing to do
            }
            case SEQUENCE -> net.add(layer, new Flatten(), Layout.FLAT);
            case IMAGE -> {
                int c = net.shape().dim(0);
                int h = net.shape().dim(1);
                int w = net.shape().dim(2);
                net.add(layer, new Flatten(), Layout.FLAT);
                if (c > 1 && h * w > 1) {
                    net.setFlattenOrder(ChannelsLast.flattenOrder(c, h, w));
                }
            }
        }
    }

    /**
     * From a vector only (no pending reordering): to a vector, a sequence {@code (time, features)},
     * or a one-channel image {@code (height, width, 1)}, where both layouts order the values alike.
     */
    private static void reshape(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        if (net.layout() != Layout.FLAT || net.flattenOrder() != null) {
            throw net.wrongInput(layer, "a vector (only vectors are reshaped; use Flatten to flatten an image)");
        }
        var target = layer.get("target_shape");
        int n = net.shape().dim(0);
        int[] dims = new int[target == null ? 0 : target.size()];
        int known = 1;
        int unknown = -1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = target.get(i).asInt(-1);
            if (dims[i] < 0) {
                unknown = i;
            } else {
                known *= dims[i];
            }
        }
        if (unknown >= 0 && known > 0) {
            dims[unknown] = n / known;
        }
        switch (dims.length) {
            case 1 -> {
                // a vector stays a vector
            }
            case 2 -> net.add(layer, new Reshape(dims[0], dims[1]), Layout.SEQUENCE);
            case 3 -> {
                if (dims[2] != 1) {
                    throw layer.unsupported(
                            "target_shape=" + target + " with " + dims[2] + " channels",
                            "A vector reshapes to a one-channel image only: Keras orders the values "
                                    + "(height, width, channels), spark-nn (channels, height, width).");
                }
                net.add(layer, new Reshape(1, dims[0], dims[1]), Layout.IMAGE);
            }
            default ->
                throw layer.unsupported(
                        "target_shape=" + target, "Targets of rank 1, 2 or 3 (one channel) are supported.");
        }
    }
}
