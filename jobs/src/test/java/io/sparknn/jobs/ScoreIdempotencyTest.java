package io.sparknn.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.sparknn.testkit.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-running a score command gives the same table: overwrite, idempotent append, replaceWhere. */
class ScoreIdempotencyTest {
    @TempDir
    static Path dir;

    static ScoringFixture fx;
    static SparkSession spark;

    @BeforeAll
    static void setUp() {
        fx = ScoringFixture.get();
        spark = TestSpark.session();
    }

    @Test
    void overwriteTwiceGivesIdenticalContent() {
        String out = dir.resolve("overwrite").toString();
        for (int i = 0; i < 2; i++) {
            ScoringFixture.Run r =
                    ScoringFixture.cli("score", "--model", fx.model, "--input", fx.testTable, "--output", out);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.lastLine().endsWith("overwrite@v" + i), "last line is table@vVERSION: " + r.lastLine());
        }
        Dataset<Row> first = version(out, 0);
        Dataset<Row> second = version(out, 1);
        assertEquals(ScoringFixture.TEST_ROWS, second.count());
        assertSameRows(first, second);
    }

    @Test
    void theSameAppendIsWrittenOnceAndAnotherFilterIsAnotherAppend() {
        String out = dir.resolve("append").toString();
        String[] cmd = {
            "score",
            "--model",
            fx.model,
            "--input",
            fx.testTable,
            "--output",
            out,
            "--mode",
            "append",
            "--input-filter",
            "label < 5",
            "--keep-columns",
            "id,label"
        };
        ScoringFixture.Run first = ScoringFixture.cli(cmd);
        ScoringFixture.Run again = ScoringFixture.cli(cmd);
        assertEquals(0, first.code(), first.err());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().stream().anyMatch(l -> l.contains("already appended")), String.join("\n", again.out()));
        long lowLabels = spark.read()
                .format("delta")
                .load(fx.testTable)
                .where("label < 5")
                .count();
        Dataset<Row> history = DeltaTable.forPath(spark, out).history();
        assertEquals(1, history.count(), "the second append made no commit");
        assertEquals("WRITE", history.first().<String>getAs("operation"));
        assertEquals(lowLabels, spark.read().format("delta").load(out).count());
        assertEquals(
                lowLabels,
                spark.read().format("delta").load(out).select("id").distinct().count());

        // Another input filter is another appId: those rows are appended once more.
        ScoringFixture.Run other = ScoringFixture.cli(
                "score",
                "--model",
                fx.model,
                "--input",
                fx.testTable,
                "--output",
                out,
                "--mode",
                "append",
                "--input-filter",
                "label >= 5",
                "--keep-columns",
                "id,label");
        assertEquals(0, other.code(), other.err());
        assertEquals(
                ScoringFixture.TEST_ROWS, spark.read().format("delta").load(out).count());
        assertEquals(2, DeltaTable.forPath(spark, out).history().count());
    }

    @Test
    void replaceWhereReplacesOnlyTheMatchingRows() throws IOException {
        String out = dir.resolve("replace").toString();
        ScoringFixture.Run all = ScoringFixture.cli(
                "score", "--model", fx.model, "--input", fx.testTable, "--output", out, "--keep-columns", "id,label");
        assertEquals(0, all.code(), all.err());
        // The same network under another directory, so rows it scores carry another model_path.
        Path copy = dir.resolve("model-copy");
        copyTree(Path.of(fx.model), copy);
        String[] cmd = {
            "score",
            "--model",
            copy.toString(),
            "--input",
            fx.testTable,
            "--output",
            out,
            "--input-filter",
            "label = 3",
            "--mode",
            "replace-where",
            "--replace-where",
            "label = 3",
            "--keep-columns",
            "id,label"
        };
        for (int run = 0; run < 2; run++) {
            ScoringFixture.Run r = ScoringFixture.cli(cmd);
            assertEquals(0, r.code(), r.err());
        }
        Dataset<Row> before = version(out, 0);
        Dataset<Row> after = version(out, 2);
        assertEquals(ScoringFixture.TEST_ROWS, after.count(), "matching rows replaced, not added");
        assertSameRows(before.where("label != 3"), after.where("label != 3"));
        assertSameRows(
                before.where("label = 3").drop("model_path"),
                after.where("label = 3").drop("model_path"));
        List<Row> paths = after.groupBy(col("label").equalTo(3).as("three"), col("model_path"))
                .count()
                .collectAsList();
        assertEquals(2, paths.size(), "one model_path per side: " + paths);
        for (Row p : paths) {
            assertEquals(p.getBoolean(0), p.getString(1).endsWith("model-copy"), p.toString());
        }
    }

    @Test
    void replaceWhereRejectsScoresOutsideThePredicateAndLeavesTheTable() {
        String out = dir.resolve("replace-mismatch").toString();
        assertEquals(
                0,
                ScoringFixture.cli("score", "--model", fx.model, "--input", fx.testTable, "--output", out)
                        .code());
        ScoringFixture.Run r = ScoringFixture.cli(
                "score",
                "--model",
                fx.model,
                "--input",
                fx.testTable,
                "--output",
                out,
                "--mode",
                "replace-where",
                "--replace-where",
                "label = 3");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("the table is unchanged"), r.err());
        assertEquals(1, DeltaTable.forPath(spark, out).history().count());
    }

    static Dataset<Row> version(String table, long v) {
        return spark.read().format("delta").option("versionAsOf", v).load(table);
    }

    static void assertSameRows(Dataset<Row> a, Dataset<Row> b) {
        assertEquals(0, a.exceptAll(b).count(), "rows only in the first");
        assertEquals(0, b.exceptAll(a).count(), "rows only in the second");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
