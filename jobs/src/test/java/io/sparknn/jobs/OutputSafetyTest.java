package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.sparknn.jobs.model.ModelDigest;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job outputs never cost the user data: an existing path is replaced only when a job wrote it
 * (refused with exit 2 and left untouched otherwise), and a train run that fails after training
 * publishes nothing.
 */
class OutputSafetyTest {
    private static final ScoringFixture fx = ScoringFixture.get();
    private static final SparkSession spark = TestSpark.session();

    @TempDir
    static Path dir;

    @Test
    void evaluateRefusesAnOutputItDidNotWrite() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project/src"));
        Files.writeString(project.resolve("Main.java"), "class Main {}");
        ScoringFixture.Run r = ScoringFixture.cli(
                "evaluate",
                "--model",
                fx.model,
                "--input",
                fx.testTable,
                "--output",
                dir.resolve("project").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--output '") && r.err().contains("is an existing directory"), r.err());
        assertEquals("class Main {}", Files.readString(project.resolve("Main.java")), "the directory is untouched");

        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes");
        r = ScoringFixture.cli("evaluate", "--model", fx.model, "--input", fx.testTable, "--output", notes.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is not a metrics JSON file a spark-nn job wrote"), r.err());
        assertEquals("my notes", Files.readString(notes));
    }

    @Test
    void scoreRefusesASummaryPathItDidNotWriteBeforeWritingAnything() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("app.log"), "line");
        String out = dir.resolve("scores-summary-refused").toString();
        ScoringFixture.Run r = ScoringFixture.cli(
                "score",
                "--model",
                fx.model,
                "--input",
                fx.testTable,
                "--output",
                out,
                "--summary-out",
                logs.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--summary-out '") && r.err().contains("is an existing directory"), r.err());
        assertEquals("line", Files.readString(logs.resolve("app.log")));
        assertFalse(Files.exists(Path.of(out)), "refused before scoring: no output table");
    }

    @Test
    void trainRefusesAModelPathThatIsADeltaTableOrAnotherDirectory() throws Exception {
        String table = dir.resolve("precious-table").toString();
        spark.read()
                .format("delta")
                .load(fx.testTable)
                .limit(3)
                .write()
                .format("delta")
                .save(table);
        ScoringFixture.Run r = train("output.model=" + table);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("output.model '") && r.err().contains("it is a Delta table"), r.err());
        assertEquals(3, spark.read().format("delta").load(table).count(), "the table is intact");

        Path other = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(other.resolve("cat.jpg"), "meow");
        r = train("output.model=" + other);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("it holds [cat.jpg]"), r.err());
        assertEquals("meow", Files.readString(other.resolve("cat.jpg")));
    }

    @Test
    void trainRefusesAMetricsTableOfAnotherShapeBeforeTraining() {
        String table = dir.resolve("not-metrics").toString();
        spark.range(2).write().format("delta").save(table);
        String model = dir.resolve("models/never").toString();
        ScoringFixture.Run r = train("output.model=" + model, "output.metricsTable=" + table);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("output.metricsTable '" + table + "' has the columns [id bigint]"), r.err());
        assertFalse(Files.exists(Path.of(model)));
        assertEquals(1, DeltaTable.forPath(spark, table).history().count());
    }

    @Test
    void aFailureAfterTrainingPublishesNothingAndAGoodRunReplacesItsOwnModel() throws Exception {
        Path model = dir.resolve("models/retrained");
        ScoreIdempotencyTest.copyTree(Path.of(fx.model), model);
        String before = ModelDigest.of(spark.sparkContext().hadoopConfiguration(), model.toString());
        Path blocker =
                Files.writeString(dir.resolve("models/blocker"), "a file where the report's directory should be");

        ScoringFixture.Run failed = train(
                "output.model=" + model,
                "output.metrics=" + dir.resolve("models/retrained.metrics.json"),
                "output.report=" + blocker.resolve("report.html"));
        assertNotEquals(0, failed.code(), "the report cannot be written under a file");
        assertEquals(
                before,
                ModelDigest.of(spark.sparkContext().hadoopConfiguration(), model.toString()),
                "the previous model is still there, unchanged");
        assertFalse(Files.exists(dir.resolve("models/retrained.metrics.json")), "no metrics of a run that failed");
        assertEquals(List.of("blocker", "retrained"), visibleNames(dir.resolve("models")), "no temporary copies left");

        ScoringFixture.Run ok = train(
                "output.model=" + model,
                "output.metrics=" + dir.resolve("models/retrained.metrics.json"),
                "output.report=" + dir.resolve("models/retrained.report.html"));
        assertEquals(0, ok.code(), ok.err());
        assertNotEquals(
                before,
                ModelDigest.of(spark.sparkContext().hadoopConfiguration(), model.toString()),
                "a model train saved before is replaced");
        assertEquals(
                List.of("blocker", "retrained", "retrained.metrics.json", "retrained.report.html"),
                visibleNames(dir.resolve("models")));
    }

    private static ScoringFixture.Run train(String... overrides) {
        Stream<String> base = Stream.of(
                "train",
                "--config",
                "../conf/seed000-mlp.yaml",
                "--set",
                "input.path=" + fx.trainTable,
                "--set",
                "validation.table.path=" + fx.testTable,
                "--set",
                "output.metricsTable=",
                "--set",
                "estimator.maxEpochs=1");
        Stream<String> sets = Stream.of(overrides).flatMap(o -> Stream.of("--set", o));
        return ScoringFixture.cli(Stream.concat(base, sets).toArray(String[]::new));
    }

    static List<String> visibleNames(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".crc"))
                    .sorted()
                    .toList();
        }
    }
}
