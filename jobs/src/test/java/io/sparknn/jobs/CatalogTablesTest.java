package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.testkit.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jobs take catalog table names as well as paths: train reads input.table, score writes a
 * named output table, evaluate reads one, and an unknown name is an input-data error.
 */
class CatalogTablesTest {
    static ScoringFixture fx;
    static SparkSession spark;

    @BeforeAll
    static void tables() {
        fx = ScoringFixture.get();
        spark = TestSpark.session();
        spark.read()
                .format("delta")
                .load(fx.testTable)
                .write()
                .format("delta")
                .mode("overwrite")
                .saveAsTable("fashion_named");
    }

    @Test
    void scoreAndEvaluateByName() {
        ScoringFixture.Run score = ScoringFixture.cli(
                "score",
                "--model",
                fx.model,
                "--input",
                "fashion_named",
                "--output",
                "fashion_named_scored",
                "--keep-columns",
                "id,label");
        assertEquals(0, score.code(), score.err());
        assertEquals("fashion_named_scored@v0", score.lastLine());
        assertEquals(
                ScoringFixture.TEST_ROWS, spark.table("fashion_named_scored").count());
        double fromTable = spark.table("fashion_named_scored")
                .selectExpr("avg(cast(prediction = label as double))")
                .first()
                .getDouble(0);

        ScoringFixture.Run eval = ScoringFixture.cli(
                "evaluate",
                "--model",
                fx.model,
                "--input",
                "fashion_named",
                "--output",
                fx.dir.resolve("named-eval.json").toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(
                eval.out().contains(String.format(java.util.Locale.ROOT, "accuracy:   %.4f", fromTable)),
                eval.out().toString());
    }

    @Test
    void trainReadsACatalogTable() {
        ScoringFixture.Run train = ScoringFixture.cli(
                "train",
                "--config",
                "../conf/seed000-mlp.yaml",
                "--set",
                "input.path=null",
                "--set",
                "input.table=fashion_named",
                "--set",
                "validation.table.path=" + fx.testTable,
                "--set",
                "output.model=" + fx.dir.resolve("models/named"),
                "--set",
                "output.metricsTable=",
                "--set",
                "output.metrics=" + fx.dir.resolve("models/named.json"),
                "--set",
                "output.report=" + fx.dir.resolve("models/named.html"),
                "--set",
                "estimator.maxEpochs=1",
                "--set",
                "estimator.batchSize=100");
        assertEquals(0, train.code(), train.err());
        assertTrue(
                train.out().get(0).startsWith("trained on: fashion_named version 0"),
                train.out().toString());
    }

    @Test
    void unknownTableNameIsAnInputDataError() {
        ScoringFixture.Run r = ScoringFixture.cli("evaluate", "--model", fx.model, "--input", "no_such_table");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("'no_such_table'"), r.err());
    }
}
