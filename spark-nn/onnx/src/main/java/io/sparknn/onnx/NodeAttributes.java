package io.sparknn.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;

/** The attributes of one node, with ONNX's defaults, and the checks that an attribute has a supported value. */
final class NodeAttributes {
    private final NodeProto node;
    private final String label;

    NodeAttributes(NodeProto node) {
        this.node = node;
        this.label = label(node);
    }

    /** How messages name a node: {@code node 'Conv_3' (Conv)}. */
    static String label(NodeProto node) {
        return "node '" + node.getName() + "' (" + node.getOpType() + ")";
    }

    String label() {
        return label;
    }

    private AttributeProto find(String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    boolean has(String name) {
        return find(name) != null;
    }

    long integer(String name, long otherwise) {
        AttributeProto a = find(name);
        return a == null ? otherwise : a.getI();
    }

    float real(String name, float otherwise) {
        AttributeProto a = find(name);
        return a == null ? otherwise : a.getF();
    }

    String text(String name, String otherwise) {
        AttributeProto a = find(name);
        return a == null ? otherwise : a.getS().toStringUtf8();
    }

    /** An INTS attribute as ints, or {@code otherwise}. */
    int[] ints(String name, int... otherwise) {
        AttributeProto a = find(name);
        return a == null
                ? otherwise
                : a.getIntsList().stream().mapToInt(Long::intValue).toArray();
    }

    /** Fails unless integer attribute {@code name} (default {@code dflt}) is {@code supported}. */
    void requireInt(String name, long dflt, long supported, String why) throws OnnxImportException {
        long v = integer(name, dflt);
        if (v != supported) {
            throw unsupported(name + "=" + v, name + "=" + supported + " (" + why + ")");
        }
    }

    /** Fails if attribute {@code name} is present with anything but the ints in {@code allowed}. */
    void requireInts(String name, int[] allowed, String why) throws OnnxImportException {
        if (has(name) && !Arrays.equals(ints(name), allowed)) {
            throw unsupported(
                    name + "=" + Arrays.toString(ints(name)), name + "=" + Arrays.toString(allowed) + " (" + why + ")");
        }
    }

    OnnxImportException unsupported(String what, String supported) {
        return new OnnxImportException(
                label + " has " + what + ", which the engine does not compute; supported: " + supported + ".");
    }
}
