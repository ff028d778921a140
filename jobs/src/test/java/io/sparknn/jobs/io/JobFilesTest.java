package io.sparknn.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.jobs.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs replace only what a job wrote before, and appear together or not at all. */
class JobFilesTest {
    private static final String METRICS = "{\"job\": \"evaluate\", \"metrics\": {\"rows\": 1}}\n";
    private final JobFiles files = new JobFiles(new Configuration());

    @TempDir
    Path dir;

    @Test
    void anUnrelatedFileOrDirectoryIsRefusedAndLeftAsItWas() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.json"), "{\"mine\": true}");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> files.writeText(notes.toString(), METRICS, OutputKind.METRICS_JSON, "--output"));
        assertTrue(
                e.getMessage()
                        .contains("--output '" + notes + "' exists and is not a metrics JSON file a spark-nn job "
                                + "wrote"),
                e.getMessage());
        assertEquals("{\"mine\": true}", Files.readString(notes));

        Path project = Files.createDirectories(dir.resolve("project/src"));
        Files.writeString(project.resolve("Main.java"), "class Main {}");
        e = assertThrows(
                ConfigException.class,
                () -> files.writeText(dir.resolve("project").toString(), METRICS, OutputKind.METRICS_JSON, "--output"));
        assertTrue(
                e.getMessage().contains("is an existing directory, but the job writes a metrics JSON file there"),
                e.getMessage());
        assertTrue(e.getMessage().contains("project/out.json"), e.getMessage());
        assertEquals("class Main {}", Files.readString(project.resolve("Main.java")));
        assertEquals(List.of("notes.json", "project"), names(dir));
    }

    @Test
    void itsOwnEarlierOutputIsReplaced() throws Exception {
        String target = dir.resolve("eval.json").toString();
        files.writeText(target, METRICS, OutputKind.METRICS_JSON, "--output");
        String second = METRICS.replace("1", "2");
        files.writeText(target, second, OutputKind.METRICS_JSON, "--output");
        assertEquals(second, Files.readString(Path.of(target)));
        assertEquals(List.of("eval.json"), names(dir), "no temporary or old copies left");
    }

    @Test
    void reportsAndSummariesAreRecognisedByTheirContent() throws Exception {
        Path page = Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html><html><head><title>My site</title>");
        assertThrows(
                ConfigException.class,
                () -> files.checkReplaceable(page.toString(), OutputKind.HTML_REPORT, "output.report"));
        String report = dir.resolve("r.html").toString();
        files.writeText(
                report,
                "<!DOCTYPE html><html><head>" + OutputKind.GENERATOR + "<title>x</title>",
                OutputKind.HTML_REPORT,
                "output.report");
        files.checkReplaceable(report, OutputKind.HTML_REPORT, "output.report");

        String metrics = dir.resolve("m.json").toString();
        files.writeText(metrics, METRICS, OutputKind.METRICS_JSON, "--output");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> files.checkReplaceable(metrics, OutputKind.SCORE_SUMMARY, "--summary-out"));
        assertTrue(e.getMessage().contains("is not a score summary JSON file a spark-nn job wrote"), e.getMessage());
        String summary = dir.resolve("s.json").toString();
        for (int run = 0; run < 2; run++) {
            files.writeText(summary, "{\"job\": \"score\", \"output\": {}}", OutputKind.SCORE_SUMMARY, "--summary-out");
        }
    }

    @Test
    void aModelGoesOnlyWhereNothingIsOrWhereATrainRunSavedOne() throws Exception {
        Path table = Files.createDirectories(dir.resolve("table/_delta_log"));
        Files.writeString(table.resolve("00000000000000000000.json"), "{}");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> files.checkReplaceable(dir.resolve("table").toString(), OutputKind.MODEL, "output.model"));
        assertTrue(e.getMessage().contains("is not a model a train run saved: it is a Delta table"), e.getMessage());

        Path model = fakeModel(dir.resolve("model"));
        files.checkReplaceable(model.toString(), OutputKind.MODEL, "output.model");
        Files.writeString(model.resolve("README.txt"), "notes");
        e = assertThrows(
                ConfigException.class,
                () -> files.checkReplaceable(model.toString(), OutputKind.MODEL, "output.model"));
        assertTrue(e.getMessage().contains("it holds [README.txt]"), e.getMessage());
        files.checkReplaceable(dir.resolve("new").toString(), OutputKind.MODEL, "output.model");
    }

    @Test
    void closingWithoutACommitRestoresThePreviousOutputsAndRemovesTheNewOnes() throws Exception {
        String metrics = dir.resolve("m.json").toString();
        files.writeText(metrics, METRICS, OutputKind.METRICS_JSON, "output.metrics");
        Path model = fakeModel(dir.resolve("model"));
        try (Publication p = files.publication()) {
            fakeModel(Path.of(p.stage(model.toString(), OutputKind.MODEL, "output.model")));
            p.stageText(metrics, METRICS.replace("1", "9"), OutputKind.METRICS_JSON, "output.metrics");
            p.publish();
            assertTrue(Files.readString(Path.of(metrics)).contains("9"), "published");
            // the run fails here (e.g. the metrics-table append), before commit()
        }
        assertEquals(METRICS, Files.readString(Path.of(metrics)));
        assertEquals("old", Files.readString(model.resolve("stages/0_nn/data/weights")));
        assertEquals(List.of("m.json", "model"), names(dir));
    }

    /** The layout PipelineModel.save writes, with a spark-nn stage. */
    static Path fakeModel(Path root) throws Exception {
        Files.createDirectories(root.resolve("metadata"));
        Files.writeString(root.resolve("metadata/part-00000"), "{\"class\":\"org.apache.spark.ml.PipelineModel\"}\n");
        Files.createDirectories(root.resolve("stages/0_nn/metadata"));
        Files.writeString(
                root.resolve("stages/0_nn/metadata/part-00000"),
                "{\"class\":\"io.sparknn.ml.classification.NeuralNetworkClassificationModel\"}\n");
        Files.createDirectories(root.resolve("stages/0_nn/data"));
        Files.writeString(
                root.resolve("stages/0_nn/data/weights"),
                Files.exists(root.resolve("stages/0_nn/data/weights"))
                        ? "new"
                        : root.getFileName().toString().endsWith(".tmp") ? "new" : "old");
        assertFalse(Files.exists(root.resolve("_delta_log")));
        return root;
    }

    private static List<String> names(Path d) throws Exception {
        try (var s = Files.list(d)) {
            // .crc: the checksums Hadoop's local file system keeps next to each file
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".crc"))
                    .sorted()
                    .toList();
        }
    }
}
