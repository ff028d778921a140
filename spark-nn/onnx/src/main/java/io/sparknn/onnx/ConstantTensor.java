package io.sparknn.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An initializer or {@code Constant} value: its dimensions and its values as floats (float
 * tensors, the weights) or longs (int64/int32 tensors: shapes and axes). Reads both the
 * {@code raw_data} form (little-endian) and the typed repeated fields.
 */
record ConstantTensor(String name, long[] dims, float[] floats, long[] longs) {

    static ConstantTensor of(TensorProto t, String source) throws OnnxImportException {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new OnnxImportException(source + ": tensor '" + t.getName() + "' has a negative dimension "
                        + Arrays.toString(dims) + ". The file is corrupted.");
            }
            count = Math.multiplyExact(count, d);
        }
        if (t.hasDataLocation() && t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new OnnxImportException(source + ": tensor '" + t.getName() + "' keeps its data in an external "
                    + "file, which is not read. Save the model with its weights inside (onnx.save_model(..., "
                    + "save_as_external_data=False)).");
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int type = t.getDataType();
        if (type == TensorProto.DataType.FLOAT_VALUE) {
            float[] v = new float
                    [checkedCount(
                            t,
                            count,
                            raw.remaining() > 0 ? raw.remaining() / Float.BYTES : t.getFloatDataCount(),
                            source)];
            if (raw.remaining() > 0) {
                raw.asFloatBuffer().get(v);
            } else {
                for (int i = 0; i < v.length; i++) {
                    v[i] = t.getFloatData(i);
                }
            }
            return new ConstantTensor(t.getName(), dims, v, null);
        }
        if (type == TensorProto.DataType.INT64_VALUE || type == TensorProto.DataType.INT32_VALUE) {
            boolean wide = type == TensorProto.DataType.INT64_VALUE;
            int stored = raw.remaining() > 0
                    ? raw.remaining() / (wide ? Long.BYTES : Integer.BYTES)
                    : (wide ? t.getInt64DataCount() : t.getInt32DataCount());
            long[] v = new long[checkedCount(t, count, stored, source)];
            boolean fromRaw = raw.remaining() > 0;
            for (int i = 0; i < v.length; i++) {
                if (fromRaw) {
                    v[i] = wide ? raw.getLong() : raw.getInt();
                } else {
                    v[i] = wide ? t.getInt64Data(i) : t.getInt32Data(i);
                }
            }
            return new ConstantTensor(t.getName(), dims, null, v);
        }
        throw new OnnxImportException(source + ": tensor '" + t.getName() + "' has data type "
                + TensorProto.DataType.forNumber(type) + "; weights must be float32 and shapes int64 or int32.");
    }

    private static int checkedCount(TensorProto t, long expected, int stored, String source)
            throws OnnxImportException {
        if (stored != expected) {
            throw new OnnxImportException(source + ": tensor '" + t.getName() + "' of dimensions "
                    + t.getDimsList() + " should hold " + expected + " values but holds " + stored
                    + ". The file is truncated or corrupted.");
        }
        return (int) expected;
    }

    int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** The float values; an error naming the node if this is not a float tensor of {@code dims}. */
    float[] floats(String node, long... expected) throws OnnxImportException {
        if (floats == null) {
            throw new OnnxImportException(node + " expects float weights in '" + name + "' but it holds integers.");
        }
        if (!Arrays.equals(dims, expected)) {
            throw new OnnxImportException(node + " expects '" + name + "' of dimensions " + Arrays.toString(expected)
                    + " but it has " + Arrays.toString(dims) + ". The weights do not fit the layer.");
        }
        return floats;
    }

    /** The integer values; an error naming the node if this is a float tensor. */
    long[] longs(String node) throws OnnxImportException {
        if (longs == null) {
            throw new OnnxImportException(node + " expects integers in '" + name + "' but it holds floats.");
        }
        return longs;
    }
}
