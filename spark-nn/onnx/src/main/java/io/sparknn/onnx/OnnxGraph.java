package io.sparknn.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A graph under construction: nodes appended in order, weights as initializers, every tensor
 * name unique ({@code prefix_n}). Float weights go in {@code raw_data} (little-endian, as ONNX
 * requires), which loads faster than repeated fields.
 */
final class OnnxGraph {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int next;

    GraphProto.Builder builder() {
        return graph;
    }

    /** A fresh tensor name starting with {@code prefix}. */
    String name(String prefix) {
        return prefix + "_" + next++;
    }

    /** Adds a node with one output named after {@code prefix}; returns the output's name. */
    String node(String opType, String prefix, List<String> inputs, AttributeProto... attributes) {
        String out = name(prefix);
        nodeWithOutputs(opType, inputs, List.of(out), attributes);
        return out;
    }

    void nodeWithOutputs(String opType, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder()
                .setOpType(opType)
                .setName(name(opType))
                .addAllInput(inputs)
                .addAllOutput(outputs);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
    }

    /** A float initializer of the given dimensions; returns its name. */
    String floats(String prefix, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(prefix, TensorProto.DataType.FLOAT, bytes.array(), dims);
    }

    /** An int64 initializer (shapes, axes); returns its name. */
    String longs(String prefix, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(prefix, TensorProto.DataType.INT64, bytes.array(), values.length);
    }

    /** A float scalar initializer; returns its name. */
    String scalar(String prefix, float value) {
        return floats(prefix, new float[] {value});
    }

    private String initializer(String prefix, TensorProto.DataType type, byte[] raw, long... dims) {
        String name = name(prefix);
        TensorProto.Builder t = TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .setRawData(com.google.protobuf.ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
