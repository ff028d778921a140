package io.sparknn.onnx;

/**
 * The recurrent weight layouts of the engine and of ONNX, and the conversion between them.
 * The engine stores a kernel {@code [rows, gates * units]} (Keras' layout: one column block per
 * gate); ONNX stores {@code W}/{@code R} as {@code [gates * units, rows]} (one row block per
 * gate, a transpose) with its own gate order:
 *
 * <ul>
 *   <li>LSTM: engine i, f, c, o (Keras); ONNX i, o, f, c.
 *   <li>GRU: engine z, r, n (Keras); ONNX z, r, h, the same order. PyTorch's own r, z, n order
 *       is converted to ONNX's by {@code torch.onnx.export}, so an ONNX file never has it.
 * </ul>
 */
final class GateLayout {
    /** ONNX gate k of an LSTM is engine gate {@code LSTM[k]}. */
    static final int[] LSTM = {0, 3, 1, 2};
    /** ONNX gate k of a GRU is engine gate {@code GRU[k]}. */
    static final int[] GRU = {0, 1, 2};

    private GateLayout() {}

    /** Engine {@code [rows, gates * units]} to ONNX {@code [gates * units, rows]} in ONNX gate order. */
    static float[] toOnnx(float[] engine, int offset, int rows, int units, int[] order) {
        int gates = order.length;
        int width = gates * units;
        float[] onnx = new float[rows * width];
        for (int k = 0; k < gates; k++) {
            for (int j = 0; j < units; j++) {
                int col = order[k] * units + j;
                int row = (k * units + j) * rows;
                for (int r = 0; r < rows; r++) {
                    onnx[row + r] = engine[offset + r * width + col];
                }
            }
        }
        return onnx;
    }

    /** ONNX {@code [gates * units, rows]} in ONNX gate order to engine {@code [rows, gates * units]}. */
    static float[] toEngine(float[] onnx, int offset, int rows, int units, int[] order) {
        int gates = order.length;
        int width = gates * units;
        float[] engine = new float[rows * width];
        for (int k = 0; k < gates; k++) {
            for (int j = 0; j < units; j++) {
                int col = order[k] * units + j;
                int row = offset + (k * units + j) * rows;
                for (int r = 0; r < rows; r++) {
                    engine[r * width + col] = onnx[row + r];
                }
            }
        }
        return engine;
    }

    /** A bias vector of {@code gates * units} from engine to ONNX gate order (a one-row kernel). */
    static float[] biasToOnnx(float[] engine, int offset, int units, int[] order) {
        return toOnnx(engine, offset, 1, units, order);
    }

    /** A bias vector of {@code gates * units} from ONNX to engine gate order. */
    static float[] biasToEngine(float[] onnx, int offset, int units, int[] order) {
        return toEngine(onnx, offset, 1, units, order);
    }
}
