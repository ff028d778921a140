package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Score writes only to a table it may replace: never its own input, never a table it did not
 * write (unless --overwrite-foreign), and an append is skipped only for the same model content.
 */
class ScoreTargetTest {
    private static final ScoringFixture fx = ScoringFixture.get();
    private static final SparkSession spark = TestSpark.session();

    @TempDir
    static Path dir;

    @Test
    void theInputTableIsNeverTheOutput() {
        long versions = DeltaTable.forPath(spark, fx.testTable).history().count();
        for (String mode : new String[] {"overwrite", "append"}) {
            ScoringFixture.Run r = score("--output", fx.testTable + "/", "--mode", mode);
            assertEquals(2, r.code(), r.err());
            assertTrue(
                    r.err().contains("is the --input table") && r.err().contains("replace the rows it reads"), r.err());
        }
        assertEquals(versions, DeltaTable.forPath(spark, fx.testTable).history().count(), "the input is unchanged");
    }

    @Test
    void catalogNamesAreComparedByLocationAndTheirScoreTablesRecognised() {
        spark.read()
                .format("delta")
                .load(fx.testTable)
                .limit(20)
                .write()
                .format("delta")
                .saveAsTable("target_named_input");
        String location = DeltaTable.forName(spark, "target_named_input")
                .detail()
                .select("location")
                .first()
                .getString(0);
        for (String input : new String[] {"target_named_input", location}) {
            ScoringFixture.Run r = ScoringFixture.cli(
                    "score", "--model", fx.model, "--input", input, "--output", "target_named_input");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("is the --input table"), r.err());
        }
        for (int run = 0; run < 2; run++) {
            ScoringFixture.Run r = score("--output", "target_named_scores", "--keep-columns", "id");
            assertEquals(0, r.code(), "the marker survives saveAsTable, so a re-run may replace it: " + r.err());
        }
        assertEquals(
                2, DeltaTable.forName(spark, "target_named_scores").history().count());
    }

    @Test
    void aForeignTableIsRefusedUnlessTheUserAsksToReplaceIt() {
        String table = dir.resolve("customers").toString();
        spark.range(5).selectExpr("id", "'x' as name").write().format("delta").save(table);
        ScoringFixture.Run r = score("--output", table);
        assertEquals(2, r.code(), r.err());
        assertTrue(
                r.err()
                                .contains("is an existing Delta table that spark-nn score did not write (its columns: "
                                        + "[id bigint, name string])")
                        && r.err().contains("--overwrite-foreign"),
                r.err());
        r = score("--output", table, "--mode", "append");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, DeltaTable.forPath(spark, table).history().count(), "nothing written");
        assertArrayEquals(
                new String[] {"id", "name"},
                spark.read().format("delta").load(table).columns());

        r = score("--output", table, "--overwrite-foreign", "--keep-columns", "id");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                ScoringFixture.TEST_ROWS,
                spark.read().format("delta").load(table).count());
        r = score("--output", table, "--keep-columns", "id");
        assertEquals(0, r.code(), "now a score table of this shape, replaced like any other: " + r.err());
    }

    @Test
    void aScoreTableOfOtherColumnsAndANonDeltaDirectoryAreRefused() throws Exception {
        String table = dir.resolve("scores-id").toString();
        assertEquals(0, score("--output", table, "--keep-columns", "id").code());
        ScoringFixture.Run r = score("--output", table, "--keep-columns", "id,label");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is a score table with the columns [id bigint, prediction double"), r.err());
        assertEquals(1, DeltaTable.forPath(spark, table).history().count());

        Path csv = Files.createDirectories(dir.resolve("exports"));
        Files.writeString(csv.resolve("part.csv"), "1,2");
        r = score("--output", csv.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("exists and is not a Delta table"), r.err());
        assertEquals(java.util.List.of("part.csv"), OutputSafetyTest.visibleNames(csv));
    }

    @Test
    void anAppendIsSkippedForTheSameModelContentNotForANewModelAtTheSamePath() throws Exception {
        Path model = dir.resolve("model-v1");
        ScoreIdempotencyTest.copyTree(Path.of(fx.model), model);
        String out = dir.resolve("appended").toString();
        String[] append = {"--model", model.toString(), "--output", out, "--mode", "append", "--keep-columns", "id"};
        assertEquals(0, score(append).code());
        ScoringFixture.Run again = score(append);
        assertTrue(again.out().stream().anyMatch(l -> l.contains("already appended")), String.join("\n", again.out()));

        // A new model saved at the same path (here: the same network saved again, so its files differ).
        Path fresh = dir.resolve("model-v2");
        PipelineModel.load(fx.model).write().save(fresh.toString());
        ScoringFixture.delete(model);
        Files.move(fresh, model);
        ScoringFixture.Run newModel = score(append);
        assertEquals(0, newModel.code(), newModel.err());
        assertEquals(2, DeltaTable.forPath(spark, out).history().count(), "the new model's predictions were appended");
        assertEquals(
                2L * ScoringFixture.TEST_ROWS,
                spark.read().format("delta").load(out).count());
    }

    /** score --model (the fixture's unless given) --input (the test table) ARGS. */
    private static ScoringFixture.Run score(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("score", "--input", fx.testTable));
        if (!java.util.Arrays.asList(args).contains("--model")) {
            all.addAll(java.util.List.of("--model", fx.model));
        }
        all.addAll(java.util.List.of(args));
        return ScoringFixture.cli(all.toArray(String[]::new));
    }
}
