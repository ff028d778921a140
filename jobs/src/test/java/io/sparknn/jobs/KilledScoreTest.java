package io.sparknn.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.delta.tables.DeltaTable;
import io.sparknn.testkit.ChildJvm;
import io.sparknn.testkit.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A score job killed (SIGKILL) while it writes leaves the output table at its previous version
 * with its previous content, and running the same command again produces the complete output.
 * The job runs as a separate JVM ({@code java ... io.sparknn.jobs.Main score ...}) so that it can
 * really be killed; it is killed as soon as its first data file appears in the output directory,
 * i.e. inside the Delta write and before the commit.
 */
class KilledScoreTest {
    private static final int ATTEMPTS = 3;
    private static final long STARTUP_TIMEOUT_S = 180;

    @TempDir
    static Path dir;

    @Test
    void killedMidWriteLeavesThePreviousVersionAndARerunCompletesTheOutput() throws Exception {
        ScoringFixture fx = ScoringFixture.get();
        SparkSession spark = TestSpark.session();
        Path out = dir.resolve("scores");
        assertEquals(
                0,
                ScoringFixture.cli("score", "--model", fx.model, "--input", fx.testTable, "--output", out.toString())
                        .code());
        Dataset<Row> before = spark.read().format("delta").load(out.toString());
        List<Row> oldContent = before.orderBy("id").collectAsList();

        String big = dir.resolve("big").toString();
        int copies = 4;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++, copies *= 2) {
            long rows = writeBigInput(spark, fx.trainTable, copies, big);
            Outcome o = scoreAndKill(fx.model, big, out, attempt);
            if (o == Outcome.FINISHED_BEFORE_KILL) {
                // Not a pass: the write was too quick to catch. Retry with twice the input.
                System.err.println("KilledScoreTest: attempt " + attempt + " with " + rows + " rows finished before "
                        + "it could be killed; retrying with more rows");
                continue;
            }
            // The kill happened inside the write: the table is still at version 0 with the old rows.
            DeltaTable table = DeltaTable.forPath(spark, out.toString());
            assertEquals(1, table.history().count(), "no commit after the kill");
            assertEquals(
                    oldContent,
                    spark.read()
                            .format("delta")
                            .load(out.toString())
                            .orderBy("id")
                            .collectAsList());

            ScoringFixture.Run rerun =
                    ScoringFixture.cli("score", "--model", fx.model, "--input", big, "--output", out.toString());
            assertEquals(0, rerun.code(), rerun.err());
            Dataset<Row> now = spark.read().format("delta").load(out.toString());
            assertEquals(rows, now.count(), "complete output after the rerun");
            assertEquals(rows, now.select("id").distinct().count(), "each input row once: no rows of the killed run");
            assertEquals(2, table.history().count());
            return;
        }
        fail("The score job finished before it could be killed in " + ATTEMPTS + " attempts, up to " + (copies / 2)
                + " copies of the training table: the test could not check a kill inside the write.");
    }

    enum Outcome {
        KILLED_IN_WRITE,
        FINISHED_BEFORE_KILL
    }

    /** {@code copies} times the training rows (new ids), in partitions of ~1000 rows: many write tasks. */
    private static long writeBigInput(SparkSession spark, String trainTable, int copies, String path) {
        Dataset<Row> train = spark.read().format("delta").load(trainTable);
        Dataset<Row> all = null;
        for (int i = 0; i < copies; i++) {
            Dataset<Row> c = train.withColumn("id", col("id").plus(lit((long) i * ScoringFixture.TRAIN_ROWS)));
            all = all == null ? c : all.union(c);
        }
        all.repartition(2 * copies)
                .write()
                .format("delta")
                .mode(SaveMode.Overwrite)
                .save(path);
        return (long) copies * ScoringFixture.TRAIN_ROWS;
    }

    private static Outcome scoreAndKill(String model, String input, Path out, int attempt) throws Exception {
        Set<String> existing = dataFiles(out);
        Path log = dir.resolve("attempt" + attempt + ".log");
        Process p = new ProcessBuilder(command(model, input, out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long started = System.nanoTime();
            long deadline = started + TimeUnit.SECONDS.toNanos(STARTUP_TIMEOUT_S);
            while (System.nanoTime() < deadline) {
                boolean writing = dataFiles(out).stream().anyMatch(f -> !existing.contains(f));
                if (writing) {
                    p.destroyForcibly();
                    p.waitFor(60, TimeUnit.SECONDS);
                    System.err.printf(
                            "KilledScoreTest: attempt %d killed the score JVM %.1f s after its start, with "
                                    + "%d new data file(s) in the output directory%n",
                            attempt,
                            (System.nanoTime() - started) / 1e9,
                            dataFiles(out).size() - existing.size());
                    // A commit between our look and the kill means the job was not caught inside the write.
                    return Files.exists(out.resolve("_delta_log/00000000000000000001.json"))
                            ? Outcome.FINISHED_BEFORE_KILL
                            : Outcome.KILLED_IN_WRITE;
                }
                if (!p.isAlive()) {
                    assertEquals(0, p.exitValue(), "the score subprocess failed:\n" + Files.readString(log));
                    return Outcome.FINISHED_BEFORE_KILL;
                }
                Thread.sleep(5);
            }
            fail("The score subprocess did not start writing within " + STARTUP_TIMEOUT_S + " s:\n"
                    + Files.readString(log));
            return null;
        } finally {
            p.destroyForcibly(); // no-op when it has exited; never leave a JVM behind on a failure
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** The test JVM's own flags (heap, JIT, Java 17 opens) and classpath, on local[1] so tasks run one by one. */
    private static List<String> command(String model, String input, String output) {
        return ChildJvm.command(
                List.of(
                        "-Dspark.master=local[1]",
                        "-Dspark.ui.enabled=false",
                        "-Dspark.driver.host=127.0.0.1",
                        "-Dspark.driver.bindAddress=127.0.0.1",
                        "-Dspark.databricks.delta.snapshotPartitions=1",
                        "-Dspark.sql.shuffle.partitions=1"),
                Main.class,
                "score",
                "--model",
                model,
                "--input",
                input,
                "--output",
                output);
    }

    private static Set<String> dataFiles(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("part-") && n.endsWith(".parquet"))
                    .collect(Collectors.toSet());
        }
    }
}
