package io.sparknn.model;

import static io.sparknn.model.ModelFileFixtures.assertSameBits;
import static io.sparknn.model.ModelFileFixtures.bytesOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads a model file committed under {@code src/test/resources/golden/}, so any change to the
 * format, intended or not, fails here. If the format changes on purpose, raise
 * {@link ModelFile#FORMAT_VERSION}, keep reading the old file, and add a new golden file.
 *
 * <p>To regenerate {@code model-v1.spnn} (only when the test data itself must change), from
 * the repository root after {@code ./mvnw -pl spark-nn/core test-compile}:
 * <pre>
 * java -cp spark-nn/core/target/classes:spark-nn/core/target/test-classes \
 *     io.sparknn.model.ModelFileGoldenTest spark-nn/core/src/test/resources/golden/model-v1.spnn
 * </pre>
 */
class ModelFileGoldenTest {
    private static final String RESOURCE = "/golden/model-v1.spnn";
    private static final String SPEC =
            "{\"input\":[2],\"layers\":[{\"type\":\"Dense\",\"units\":1,\"activation\":\"sigmoid\"}]}";

    /** What the golden file holds: a 2-input, 1-unit Dense layer mid-way through Adam. */
    static ModelFileContents goldenContents() {
        float[] weights = {0.5f, -1.25f, Float.intBitsToFloat(0x7fc00abc)};
        return ModelFileContents.builder(SPEC, weights)
                .optimizerState(SavedOptimizerState.of(
                        "{\"name\":\"adam\",\"learningRate\":0.001}",
                        3,
                        new float[] {0.01f, -0.02f, -0.0f},
                        new float[] {1e-4f, 4e-4f, 1e-45f}))
                .trainingState(TrainingState.builder()
                        .epoch(1)
                        .stepInEpoch(2)
                        .globalStep(3)
                        .seed(20240607L)
                        .extra("data.source", "delta:/tables/iris@v7")
                        .extra("rng.shuffle", "1f2e3d4c")
                        .build())
                .buffer("bn.mean", new float[] {0.25f})
                .buffer("bn.var", new float[] {Float.MAX_VALUE})
                .build();
    }

    private static byte[] goldenBytes() throws IOException {
        try (InputStream in = ModelFileGoldenTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is missing from the test resources");
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheVersion1GoldenFile() throws Exception {
        ModelFileContents read;
        try (InputStream in = ModelFileGoldenTest.class.getResourceAsStream(RESOURCE)) {
            read = ModelFile.read(in, RESOURCE);
        }

        assertEquals(SPEC, read.specJson());
        assertSameBits(new float[] {0.5f, -1.25f, Float.intBitsToFloat(0x7fc00abc)}, read.weights(), "weights");
        SavedOptimizerState opt = read.optimizerState().orElseThrow();
        assertEquals("{\"name\":\"adam\",\"learningRate\":0.001}", opt.json());
        assertEquals(3, opt.step());
        assertSameBits(new float[] {0.01f, -0.02f, -0.0f}, opt.slot(0), "slot 0");
        assertSameBits(new float[] {1e-4f, 4e-4f, 1e-45f}, opt.slot(1), "slot 1");
        TrainingState ts = read.trainingState().orElseThrow();
        assertEquals(List.of(1L, 2L, 3L, 20240607L), List.of(ts.epoch(), ts.stepInEpoch(), ts.globalStep(), ts.seed()));
        assertEquals(Map.of("data.source", "delta:/tables/iris@v7", "rng.shuffle", "1f2e3d4c"), ts.extras());
        assertEquals(List.of("bn.mean", "bn.var"), List.copyOf(read.bufferNames()));
        assertSameBits(new float[] {0.25f}, read.buffer("bn.mean").orElseThrow(), "bn.mean");
        assertSameBits(new float[] {Float.MAX_VALUE}, read.buffer("bn.var").orElseThrow(), "bn.var");
        assertEquals(goldenContents(), read);
    }

    @Test
    void theWriterStillProducesTheGoldenBytes() throws Exception {
        byte[] golden = goldenBytes();

        assertEquals(398, golden.length);
        assertArrayEquals(golden, bytesOf(goldenContents()));
    }

    /** Regenerates the golden file at {@code args[0]}; see the class comment. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "spark-nn/core/src/test/resources/golden/model-v1.spnn");
        ModelFile.write(target, goldenContents());
        System.out.println("Wrote " + target.toAbsolutePath());
    }
}
