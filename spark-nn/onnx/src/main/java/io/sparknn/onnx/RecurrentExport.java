package io.sparknn.onnx;

import static io.sparknn.onnx.OnnxGraph.intAttr;
import static io.sparknn.onnx.OnnxGraph.intsAttr;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.sparknn.nn.GRU;
import io.sparknn.nn.LSTM;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * The sequence layers: LSTM and GRU as ONNX's own operators (time-major, so the batch-major
 * sequences are transposed around them), GlobalAveragePooling1D, and the per-sample valid
 * lengths the engine derives from a leading Embedding's padding id (ONNX's
 * {@code sequence_lens}: steps past it keep the state and output zeros, as in the engine).
 */
final class RecurrentExport {
    private final OnnxGraph g;
    /** Valid lengths: float {@code [N]} and int32 {@code [N]}; null when the network has none. */
    private String lengthsFloat;

    private String lengthsInt;
    private int time;

    RecurrentExport(OnnxGraph g) {
        this.g = g;
    }

    /** Length = position of the last id that is not {@code padding}, plus one, as the engine's SequenceLengths. */
    void lengthsFromTokens(String ids, int time, int padding) {
        this.time = time;
        String isPad = g.node("Equal", "is_pad", List.of(ids, g.scalar("pad", padding)));
        String kept =
                g.node("Cast", "kept", List.of(g.node("Not", "kept", List.of(isPad))), intAttr("to", floatType()));
        float[] positions = new float[time];
        for (int t = 0; t < time; t++) {
            positions[t] = t + 1;
        }
        String ends = g.node("Mul", "ends", List.of(kept, g.floats("positions", positions, time)));
        lengthsFloat = g.node("ReduceMax", "lengths", List.of(ends), intsAttr("axes", 1), intAttr("keepdims", 0));
        lengthsInt =
                g.node("Cast", "lengths", List.of(lengthsFloat), intAttr("to", TensorProto.DataType.INT32.getNumber()));
    }

    String lstm(LSTM l, Shape in, float[] w, String x) {
        int f = in.dim(1);
        int u = l.units();
        int g4 = 4 * u;
        float[] kernel = GateLayout.toOnnx(w, 0, f, u, GateLayout.LSTM);
        float[] rec = GateLayout.toOnnx(w, f * g4, u, u, GateLayout.LSTM);
        float[] bias = new float[2 * g4]; // ONNX adds a recurrent bias too: zeros
        System.arraycopy(GateLayout.biasToOnnx(w, (f + u) * g4, u, GateLayout.LSTM), 0, bias, 0, g4);
        return run("LSTM", u, l.returnSequences(), x, kernel, rec, bias, f, g4);
    }

    String gru(GRU r, Shape in, float[] w, String x) {
        int f = in.dim(1);
        int u = r.units();
        int g3 = 3 * u;
        float[] kernel = GateLayout.toOnnx(w, 0, f, u, GateLayout.GRU);
        float[] rec = GateLayout.toOnnx(w, f * g3, u, u, GateLayout.GRU);
        // The engine's bias [2, 3u] (input, then recurrent) is ONNX's B = [Wb, Rb]; both in z, r, h order.
        float[] bias = new float[2 * g3];
        int b = (f + u) * g3;
        System.arraycopy(GateLayout.biasToOnnx(w, b, u, GateLayout.GRU), 0, bias, 0, g3);
        System.arraycopy(GateLayout.biasToOnnx(w, b + g3, u, GateLayout.GRU), 0, bias, g3, g3);
        return run("GRU", u, r.returnSequences(), x, kernel, rec, bias, f, g3);
    }

    private String run(
            String op,
            int units,
            boolean sequences,
            String x,
            float[] kernel,
            float[] rec,
            float[] bias,
            int f,
            int gw) {
        String timeMajor = g.node("Transpose", "time_major", List.of(x), intsAttr("perm", 1, 0, 2));
        String y = g.name(op.toLowerCase(java.util.Locale.ROOT) + "_y");
        String yh = g.name(op.toLowerCase(java.util.Locale.ROOT) + "_h");
        List<String> inputs = List.of(
                timeMajor,
                g.floats("W", kernel, 1, gw, f),
                g.floats("R", rec, 1, gw, units),
                g.floats("B", bias, 1, 2L * gw),
                lengthsInt == null ? "" : lengthsInt);
        if (op.equals("GRU")) {
            // The engine's GRU is Keras' reset_after=True: r multiplies (h U + bh), ONNX's linear_before_reset.
            g.nodeWithOutputs(
                    op, inputs, List.of(y, yh), intAttr("hidden_size", units), intAttr("linear_before_reset", 1));
        } else {
            g.nodeWithOutputs(op, inputs, List.of(y, yh), intAttr("hidden_size", units));
        }
        if (!sequences) {
            return g.node("Squeeze", "last", List.of(yh, g.longs("axes", 0))); // [1, N, u] -> [N, u]
        }
        String steps = g.node("Squeeze", "steps", List.of(y, g.longs("axes", 1))); // [T, 1, N, u] -> [T, N, u]
        return g.node("Transpose", "batch_major", List.of(steps), intsAttr("perm", 1, 0, 2));
    }

    /** The mean over time of {@code [N, T, F]}; with lengths, over each sample's valid steps (0 for none). */
    String meanOverTime(String x, Shape in) {
        if (lengthsFloat == null) {
            return g.node("ReduceMean", "mean", List.of(x), intsAttr("axes", 1), intAttr("keepdims", 0));
        }
        float[] steps = new float[time];
        for (int t = 0; t < time; t++) {
            steps[t] = t;
        }
        String len = g.node("Unsqueeze", "len", List.of(lengthsFloat, g.longs("axes", 1))); // [N, 1]
        String valid = g.node("Less", "valid", List.of(g.floats("steps", steps, 1, time), len)); // [N, T]
        String mask = g.node("Cast", "mask", List.of(valid), intAttr("to", floatType()));
        String mask3 = g.node("Unsqueeze", "mask", List.of(mask, g.longs("axes", 2))); // [N, T, 1]
        String masked = g.node("Mul", "masked", List.of(x, mask3));
        String sum = g.node("ReduceSum", "sum", List.of(masked, g.longs("axes", 1)), intAttr("keepdims", 0));
        String count = g.node("Max", "count", List.of(len, g.scalar("one", 1f)));
        return g.node("Div", "mean", List.of(sum, count));
    }

    private static int floatType() {
        return TensorProto.DataType.FLOAT.getNumber();
    }
}
