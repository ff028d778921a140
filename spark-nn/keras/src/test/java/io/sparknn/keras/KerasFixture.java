package io.sparknn.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One generated Keras fixture (see src/test/fixtures/make_keras_fixtures.py): the model files,
 * a batch of inputs in Keras' layout and Keras' outputs for them.
 */
public record KerasFixture(String name, int[] kerasInputShape, float[][] input, float[][] output) {

    /** A copy of fixture file {@code fileName} in {@code dir} (the fixtures may sit in a jar). */
    public static Path copy(String fileName, Path dir) throws IOException {
        Path target = dir.resolve(fileName);
        try (java.io.InputStream in = KerasFixture.class.getResourceAsStream("/keras/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("Missing test fixture /keras/" + fileName);
            }
            java.nio.file.Files.copy(in, target);
        }
        return target;
    }

    static Path file(String fileName) {
        try {
            return Paths.get(
                    KerasFixture.class.getResource("/keras/" + fileName).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Missing test fixture /keras/" + fileName, e);
        }
    }

    public static KerasFixture load(String name) {
        try (java.io.InputStream in = KerasFixture.class.getResourceAsStream("/keras/" + name + ".json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            JsonNode shape = root.get("kerasInputShape");
            int[] dims = new int[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).intValue();
            }
            return new KerasFixture(name, dims, matrix(root.get("input")), matrix(root.get("output")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] m = new float[rows.size()][];
        for (int r = 0; r < m.length; r++) {
            m[r] = new float[rows.get(r).size()];
            for (int c = 0; c < m[r].length; c++) {
                m[r][c] = (float) rows.get(r).get(c).doubleValue();
            }
        }
        return m;
    }

    public int batch() {
        return input.length;
    }

    /**
     * The inputs as the imported network takes them: images channel by channel ({@code [C, H, W]},
     * Keras' {@code x.transpose(2, 0, 1)}), anything else unchanged.
     */
    public float[] engineInput() {
        int per = input[0].length;
        float[] out = new float[batch() * per];
        for (int b = 0; b < batch(); b++) {
            if (kerasInputShape.length == 3) {
                int h = kerasInputShape[0];
                int w = kerasInputShape[1];
                int c = kerasInputShape[2];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int ch = 0; ch < c; ch++) {
                            out[b * per + (ch * h + y) * w + x] = input[b][(y * w + x) * c + ch];
                        }
                    }
                }
            } else {
                System.arraycopy(input[b], 0, out, b * per, per);
            }
        }
        return out;
    }
}
