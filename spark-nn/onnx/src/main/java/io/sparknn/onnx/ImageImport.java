package io.sparknn.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.sparknn.nn.AveragePooling2D;
import io.sparknn.nn.Conv2D;
import io.sparknn.nn.GlobalAveragePooling2D;
import io.sparknn.nn.GlobalMaxPooling2D;
import io.sparknn.nn.MaxPooling2D;
import io.sparknn.nn.layer.Padding;
import io.sparknn.onnx.ImportedLayers.Layout;
import io.sparknn.tensor.Shape;
import java.util.Arrays;
import java.util.Map;

/**
 * The image operators of a chain: Conv (kernel {@code [F, C, kh, kw]}, the engine's layout too),
 * MaxPool/AveragePool, and the global poolings; ONNX's {@code pads [top, left, bottom, right]}
 * and {@code auto_pad} become the engine's explicit or {@code same} padding.
 */
final class ImageImport {
    private final ImportedLayers net;
    private final Map<String, ConstantTensor> constants;

    ImageImport(ImportedLayers net, Map<String, ConstantTensor> constants) {
        this.net = net;
        this.constants = constants;
    }

    void conv(NodeProto node, NodeAttributes a) throws OnnxImportException {
        Shape in = image(a);
        ConstantTensor w = RecurrentImport.constant(node, 1, a, constants);
        a.requireInt("group", 1, 1, "ordinary convolutions");
        a.requireInts("dilations", new int[] {1, 1}, "no dilation");
        if (w.dims().length != 4 || w.dims()[1] != in.dim(0)) {
            throw new OnnxImportException(a.label() + " has kernel '" + w.name() + "' of dimensions "
                    + Arrays.toString(w.dims()) + " for an input of " + in.dim(0) + " channels; [filters, "
                    + in.dim(0) + ", kh, kw] is expected. The weights do not fit the layer.");
        }
        int filters = (int) w.dims()[0];
        int kh = (int) w.dims()[2];
        int kw = (int) w.dims()[3];
        int[] strides = a.ints("strides", 1, 1);
        boolean hasBias = node.getInputCount() > 2 && !node.getInput(2).isEmpty();
        Conv2D c = Conv2D.builder(filters, kh)
                .kernelSize(kh, kw)
                .strides(strides[0], strides[1])
                .padding(padding(a, in, kh, kw, strides))
                .useBias(hasBias)
                .build();
        float[] kernel = w.floats(a.label(), w.dims()); // [F, C, kh, kw]: the engine's layout too
        if (hasBias) {
            net.add(a.label(), c, kernel, NodeImport.bias(RecurrentImport.constant(node, 2, a, constants), filters, a));
        } else {
            net.add(a.label(), c, kernel);
        }
    }

    private Shape image(NodeAttributes a) throws OnnxImportException {
        if (net.layout() != Layout.BATCH_MAJOR || net.current().rank() != 3) {
            throw new OnnxImportException(a.label() + " needs images [N, C, H, W] but receives samples of shape "
                    + net.current() + ". Give the graph an input [N, C, H, W] or Reshape to it.");
        }
        return net.current();
    }

    /** ONNX's auto_pad and pads [top, left, bottom, right] as the engine's padding. */
    private static Padding padding(NodeAttributes a, Shape in, int kh, int kw, int[] strides)
            throws OnnxImportException {
        String auto = a.text("auto_pad", "NOTSET");
        switch (auto) {
            case "NOTSET" -> {
                int[] p = a.ints("pads", 0, 0, 0, 0);
                return Padding.explicit(p[0], p[2], p[1], p[3]);
            }
            case "VALID" -> {
                return Padding.VALID;
            }
            case "SAME_UPPER" -> {
                return Padding.SAME; // the odd element at the end, as TensorFlow's SAME
            }
            case "SAME_LOWER" -> {
                int th = sameTotal(in.dim(1), kh, strides[0]);
                int tw = sameTotal(in.dim(2), kw, strides[1]);
                return Padding.explicit(th - th / 2, th / 2, tw - tw / 2, tw / 2);
            }
            default -> throw a.unsupported("auto_pad=" + auto, "NOTSET, VALID, SAME_UPPER, SAME_LOWER");
        }
    }

    private static int sameTotal(int in, int k, int s) {
        return Math.max(((in + s - 1) / s - 1) * s + k - in, 0);
    }

    void pool(NodeProto node, NodeAttributes a) throws OnnxImportException {
        Shape in = image(a);
        a.requireInt("ceil_mode", 0, 0, "output sizes rounded down");
        a.requireInts("dilations", new int[] {1, 1}, "no dilation");
        int[] k = a.ints("kernel_shape");
        int[] s = a.ints("strides", 1, 1);
        Padding p = padding(a, in, k[0], k[1], s);
        if (node.getOpType().equals("MaxPool")) {
            net.add(a.label(), new MaxPooling2D(k[0], k[1], s[0], s[1], p));
            return;
        }
        // count_include_pad=1 (PyTorch's AvgPool2d default) divides by the whole window: countPadding.
        boolean countPadding = a.integer("count_include_pad", 0) != 0;
        net.add(a.label(), new AveragePooling2D(k[0], k[1], s[0], s[1], p, countPadding));
    }

    void globalPool(NodeAttributes a, String op) throws OnnxImportException {
        image(a);
        net.add(a.label(), op.equals("GlobalMaxPool") ? new GlobalMaxPooling2D() : new GlobalAveragePooling2D());
        net.relayout(Layout.POOLED, net.current());
    }
}
