package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.testkit.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end on the Fashion-MNIST subset shipped in the jar (the installed dataset is
 * hidden by pointing --data at an empty directory), two epochs.
 */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void convertsTrainsScoresAndSaysWhereEverythingIs() throws Exception {
        TestSpark.session();
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            code = Main.run(
                    "demo",
                    "--dir",
                    dir.resolve("demo").toString(),
                    "--data",
                    dir.resolve("none").toString(),
                    "--set",
                    "estimator.maxEpochs=2");
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        stdout.print(out);
        assertEquals(0, code, out);
        assertTrue(out.contains("the subset shipped in the jar"), out);
        assertTrue(out.contains("(1000 rows)"), "the 1,000 shipped test images are scored: " + out);
        double accuracy =
                Double.parseDouble(out.replaceAll("(?s).*test accuracy of the scored table: ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.7, "accuracy " + accuracy);
        Path root = dir.resolve("demo");
        for (String p : new String[] {
            "tables/fashion_train/_delta_log",
            "tables/fashion_test_scored/_delta_log",
            "tables/runs/_delta_log",
            "models/seed000-mlp/metadata",
            "models/seed000-mlp.report.html",
            "models/seed000-mlp.metrics.json"
        }) {
            assertTrue(Files.exists(root.resolve(p)), p);
        }
    }
}
