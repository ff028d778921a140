package io.sparknn.keras;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be imported each give one error naming the file, the layer and the fix. */
class KerasImportErrorsTest {
    @TempDir
    Path dir;

    private static String message(Path file) {
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModelImporter.read(file));
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void unsupportedLayerNamesTheLayerAndWhatIsSupported() {
        for (String ext : new String[] {".keras", ".h5"}) {
            assertContains(
                    message(KerasFixture.file("unsupported_layer" + ext)),
                    "layer 'layer_normalization' (LayerNormalization)",
                    "Supported Keras layers: InputLayer, Dense,");
        }
    }

    @Test
    void gruWithResetBeforeIsRefused() {
        assertContains(
                message(KerasFixture.file("gru_reset_before.keras")),
                "(GRU): reset_after=false is not supported; only reset_after=true is");
    }

    @Test
    void truncatedFilesAreReportedAsDamaged() throws IOException {
        for (String ext : new String[] {".keras", ".h5"}) {
            byte[] bytes = Files.readAllBytes(KerasFixture.file("cnn" + ext));
            Path cut = dir.resolve("cut" + ext);
            Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
            assertContains(message(cut), cut.toString(), "truncated or corrupted");
        }
    }

    @Test
    void otherFilesAreNotKerasModels() throws IOException {
        Path text = dir.resolve("model.keras");
        Files.writeString(text, "{\"not\": \"a model\"}");
        assertContains(message(text), "neither a Keras 3 archive", "model.save(\"model.keras\")");
        Path zip = dir.resolve("other.keras");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertContains(message(zip), "zip file without config.json");
    }

    @Test
    void weightsOfAnotherShapeNameTheLayerAndBothShapes() throws IOException {
        Path changed = dir.resolve("changed.keras");
        rewriteConfig(KerasFixture.file("mlp.keras"), changed, c -> c.replace("\"units\": 16", "\"units\": 15"));
        assertContains(
                message(changed),
                "weight 0 of Keras layer 'hidden' (Dense) has shape [8, 16] but the layer needs [8, 15]");
    }

    @Test
    void unsupportedSettingsNameTheKey() throws IOException {
        Path masked = dir.resolve("masked.keras");
        rewriteConfig(
                KerasFixture.file("rnn_tokens.keras"),
                masked,
                c -> c.replace("\"mask_zero\": false", "\"mask_zero\": true"));
        assertContains(message(masked), "(Embedding): mask_zero=true is not supported");
        Path dilated = dir.resolve("dilated.keras");
        rewriteConfig(
                KerasFixture.file("cnn.keras"),
                dilated,
                c -> c.replaceFirst("\"dilation_rate\": \\[1, 1\\]", "\"dilation_rate\": [2, 2]"));
        assertContains(message(dilated), "layer 'conv2d' (Conv2D): dilation_rate=[2,2] is not supported");
    }

    /** A copy of a .keras archive with its config.json edited. */
    private static void rewriteConfig(Path from, Path to, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile());
                OutputStream file = Files.newOutputStream(to);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals("config.json")) {
                    String edited = edit.apply(new String(bytes, StandardCharsets.UTF_8));
                    assertTrue(!edited.equals(new String(bytes, StandardCharsets.UTF_8)), "the edit changed nothing");
                    bytes = edited.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
            }
        }
    }
}
