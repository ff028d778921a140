package io.sparknn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Sample contents, byte encodings and bit-exact asserts shared by the model file tests. */
final class ModelFileFixtures {
    static final String SPEC = "{\"input\":[3],\"layers\":[{\"type\":\"Dense\",\"units\":1}]}";

    /** Floats whose bits a careless codec would change. */
    static final float[] SPECIAL = {
        Float.intBitsToFloat(0x7fc00001), // quiet NaN with a payload
        Float.intBitsToFloat(0x7f800001), // signalling NaN
        Float.intBitsToFloat(0xffc12345), // negative NaN with a payload
        -0.0f,
        0.0f,
        Float.MIN_VALUE,
        Float.intBitsToFloat(0x807fffff), // subnormals
        Float.MIN_NORMAL,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        1.0f / 3.0f,
    };

    private ModelFileFixtures() {}

    /** Four weights with every optional section present. */
    static ModelFileContents full() {
        return ModelFileContents.builder(SPEC, new float[] {0.5f, -1.25f, -0.0f, 3e-39f})
                .optimizerState(SavedOptimizerState.of(
                        "{\"name\":\"adam\",\"lr\":0.001}", 7, new float[] {1, 2, 3, 4}, new float[] {
                            0.1f, 0.2f, 0.3f, 0.4f
                        }))
                .trainingState(TrainingState.builder()
                        .epoch(2)
                        .stepInEpoch(5)
                        .globalStep(17)
                        .seed(-42)
                        .extra("rng.dropout", "9f3a")
                        .extra("data.source", "delta:/t@v3")
                        .build())
                .buffer("bn.var", new float[] {1, 1})
                .buffer("bn.mean", new float[] {0, Float.NaN})
                .build();
    }

    /** Spec and four weights only. */
    static ModelFileContents minimal() {
        return ModelFileContents.builder(SPEC, new float[] {1, 2, 3, 4}).build();
    }

    static byte[] bytesOf(ModelFileContents contents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(out, contents);
        return out.toByteArray();
    }

    static ModelFileContents readBytes(byte[] bytes) throws IOException {
        return ModelFile.read(new ByteArrayInputStream(bytes), "test.spnn");
    }

    static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            int e = Float.floatToRawIntBits(expected[i]);
            int a = Float.floatToRawIntBits(actual[i]);
            if (e != a) {
                fail(String.format(
                        "%s[%d]: expected bits 0x%08x (%s) but got 0x%08x (%s)",
                        what, i, e, expected[i], a, actual[i]));
            }
        }
    }
}
