package io.sparknn.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (Java) on a float batch, and compares outputs with a stated tolerance. */
final class OnnxRuntimeRunner {
    /**
     * float32 results of the same computation in a different order (GEMM blocking, exp
     * implementations): relative 1e-5, plus 1e-6 absolute for values near zero.
     */
    static final double RTOL = 1e-5;

    static final double ATOL = 1e-6;

    private OnnxRuntimeRunner() {}

    /** The model's single output for {@code batch} rows of {@code width} floats, flattened row-major. */
    static float[] run(byte[] model, float[] x, int batch, int width) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(model, options);
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {batch, width});
                OrtSession.Result result =
                        session.run(Map.of(session.getInputNames().iterator().next(), input))) {
            assertEquals(1, result.size(), "outputs");
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer fb = out.getFloatBuffer();
            float[] values = new float[fb.remaining()];
            fb.get(values);
            return values;
        }
    }

    static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": output length");
        for (int i = 0; i < expected.length; i++) {
            double tol = ATOL + RTOL * Math.abs(expected[i]);
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                throw new AssertionError(what + ": value " + i + " is " + actual[i] + " but expected " + expected[i]
                        + " (tolerance " + tol + ")");
            }
        }
    }
}
