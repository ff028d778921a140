package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.testkit.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives the documented exit code (2 usage/config, 3 input data) and one stderr line
 * that names the offending path, column, key or value.
 */
class JobErrorsTest {
    @TempDir
    static Path dir;

    static ScoringFixture fx;
    static String noFeatures;
    static String noLabel;

    @BeforeAll
    static void tables() {
        fx = ScoringFixture.get();
        SparkSession spark = TestSpark.session();
        noFeatures = dir.resolve("no-features").toString();
        noLabel = dir.resolve("no-label").toString();
        spark.read()
                .format("delta")
                .load(fx.testTable)
                .limit(5)
                .withColumnRenamed("features", "pixels")
                .write()
                .format("delta")
                .mode(SaveMode.Overwrite)
                .save(noFeatures);
        spark.read()
                .format("delta")
                .load(fx.testTable)
                .limit(5)
                .drop("label")
                .write()
                .format("delta")
                .mode(SaveMode.Overwrite)
                .save(noLabel);
    }

    @Test
    void scoreWithAMissingModelDirectory() {
        String model = dir.resolve("models/nope").toString();
        ScoringFixture.Run r = score("--model", model, "--input", fx.testTable, "--output", out("a"));
        assertError(r, 3, "score", "models/nope", "does not exist");
    }

    @Test
    void scoreWithADirectoryThatIsNotAModel() {
        ScoringFixture.Run r = score("--model", fx.testTable, "--input", fx.testTable, "--output", out("b"));
        assertError(r, 3, "score", "tables/test", "is not a saved Spark ML PipelineModel");
    }

    @Test
    void scoreAnInputThatIsNotADeltaTable() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("data.csv"), "id,label\n1,2\n");
        ScoringFixture.Run r = score("--model", fx.model, "--input", plain.toString(), "--output", out("c"));
        assertError(r, 3, "score", "plain", "is not a Delta table");
        assertFalse(Files.exists(Path.of(out("c"))), "nothing written");
    }

    @Test
    void scoreAnInputWithoutTheFeatureColumn() {
        ScoringFixture.Run r = score("--model", fx.model, "--input", noFeatures, "--output", out("d"));
        assertError(r, 3, "score", "Column 'features'", "no-features", "pixels");
        assertFalse(Files.exists(Path.of(out("d"))), "nothing written");
    }

    @Test
    void scoreWithAnUnknownMode() {
        ScoringFixture.Run r =
                score("--model", fx.model, "--input", fx.testTable, "--output", out("e"), "--mode", "upsert");
        assertError(r, 2, "score", "upsert", "overwrite, append or replace-where");
    }

    @Test
    void scoreReplaceWhereWithoutAPredicate() {
        ScoringFixture.Run r =
                score("--model", fx.model, "--input", fx.testTable, "--output", out("f"), "--mode", "replace-where");
        assertError(r, 2, "score", "--mode replace-where needs a predicate", "--replace-where");
    }

    @Test
    void scoreKeepingAColumnTheInputDoesNotHave() {
        ScoringFixture.Run r = score(
                "--model", fx.model, "--input", fx.testTable, "--output", out("g"), "--keep-columns", "id,customer");
        assertError(r, 3, "score", "'customer'", "[id, label, footwear, features]");
    }

    @Test
    void scoreAnInputVersionThatDoesNotExist() {
        ScoringFixture.Run r =
                score("--model", fx.model, "--input", fx.testTable, "--output", out("h"), "--input-version", "7");
        assertError(r, 3, "score", "versionAsOf 7 does not exist", "latest version 0");
    }

    @Test
    void evaluateATableWithoutLabels() {
        ScoringFixture.Run r = ScoringFixture.cli("evaluate", "--model", fx.model, "--input", noLabel);
        assertError(r, 3, "evaluate", "Column 'label'", "no-label");
    }

    @Test
    void trainWithAnUnknownConfigKey() {
        assertError(train("output.modle=" + dir.resolve("m")), 2, "train", "'output.modle'");
    }

    @Test
    void trainWithAValueOfTheWrongType() {
        assertError(train("estimator.maxEpochs=abc"), 2, "train", "'estimator.maxEpochs'", "abc");
    }

    @Test
    void trainWithAMissingLabelColumn() {
        assertError(train("label=grade"), 3, "train", "Column 'grade'", "[id, label, footwear, features]");
    }

    @Test
    void trainOnATableVersionThatDoesNotExist() {
        assertError(train("input.versionAsOf=7"), 3, "train", "input.versionAsOf 7 does not exist", "latest version 0");
    }

    @Test
    void trainAtATimestampAfterTheLastCommit() {
        assertError(
                train("input.timestampAsOf=2999-01-01"),
                3,
                "train",
                "input.timestampAsOf '2999-01-01' is after the " + "latest commit",
                "version 0 at ");
    }

    @Test
    void evaluateZeroRowsUnknownLabelsAndTextLabels() {
        ScoringFixture.Run r = ScoringFixture.cli(
                "evaluate",
                "--model",
                fx.model,
                "--input",
                fx.testTable,
                "--input-filter",
                "label > 100",
                "--output",
                out("eval-none.json"));
        assertError(r, 3, "evaluate", "There are no rows to evaluate", "tables/test");
        String unknown = dir.resolve("unknown-labels").toString();
        SparkSession spark = TestSpark.session();
        spark.read()
                .format("delta")
                .load(fx.testTable)
                .limit(20)
                .selectExpr("id", "if(id = 3, 42, label) as label", "footwear", "features")
                .write()
                .format("delta")
                .save(unknown);
        r = ScoringFixture.cli("evaluate", "--model", fx.model, "--input", unknown, "--output", out("eval-42.json"));
        assertError(r, 3, "evaluate", "1 of 20 rows", "class indices 0 to 9", "e.g. 42");
        String text = dir.resolve("text-labels").toString();
        spark.read()
                .format("delta")
                .load(fx.testTable)
                .limit(5)
                .selectExpr("id", "concat('c', label) as label", "footwear", "features")
                .write()
                .format("delta")
                .save(text);
        r = ScoringFixture.cli("evaluate", "--model", fx.model, "--input", text, "--output", out("eval-text.json"));
        assertError(r, 3, "evaluate", "Label column 'label'", "is string", "needs numeric labels");
        assertFalse(Files.exists(Path.of(out("eval-none.json"))) || Files.exists(Path.of(out("eval-42.json"))));
    }

    @Test
    void configValuesTheTrainerRejectsAreConfigErrors() {
        assertError(train("estimator.optimizer={name: adam, beta1: -5}"), 2, "train", "'estimator.optimizer'", "beta1");
        assertError(
                train("estimator.learningRate=1e999"), 2, "train", "'estimator.learningRate' must be a finite number");
        assertError(train("estimator.numWorkers=3"), 2, "train", "numWorkers=3", "local[2]");
        assertError(
                train("estimator.learningRate=1e30"),
                2,
                "train",
                "Training diverged in epoch 1",
                "Lower the learning rate");
    }

    @Test
    void unreachableOrUnsupportedFileSystems() {
        ScoringFixture.Run r =
                score("--model", fx.model, "--input", "hdfs://no-such-host.invalid:8020/t", "--output", out("i"));
        assertError(
                r, 3, "score", "Cannot reach 'hdfs://no-such-host.invalid:8020/t' (--input)", "UnknownHostException");
        r = score("--model", fx.model, "--input", "s3a://bucket/t", "--output", out("j"));
        assertError(
                r,
                2,
                "score",
                "Cannot open 's3a://bucket/t' (--input)",
                "no Hadoop FileSystem for scheme 's3a'",
                "hadoop-aws");
    }

    @Test
    void scoringBadRowsNamesTheRowProblemNotTheTaskFailure() {
        String shortRows = dir.resolve("short-rows").toString();
        TestSpark.session()
                .read()
                .format("delta")
                .load(fx.testTable)
                .limit(4)
                .selectExpr("id", "label", "footwear", "slice(features, 1, 100) as features")
                .write()
                .format("delta")
                .save(shortRows);
        ScoringFixture.Run r = score("--model", fx.model, "--input", shortRows, "--output", out("k"));
        assertError(r, 3, "score", "100", "784");
        assertFalse(r.err().lines().findFirst().orElse("").contains("TASK_WRITE_FAILED"), r.err());
        assertFalse(r.err().lines().findFirst().orElse("").contains("Job aborted"), r.err());
    }

    @Test
    void aDottedColumnName() {
        String dotted = dir.resolve("dotted").toString();
        TestSpark.session()
                .read()
                .format("delta")
                .load(fx.trainTable)
                .limit(300)
                .withColumnRenamed("label", "lab.el")
                .write()
                .format("delta")
                .save(dotted);
        ScoringFixture.Run r = ScoringFixture.cli(
                "train",
                "--config",
                "../conf/seed000-mlp.yaml",
                "--set",
                "input.path=" + dotted,
                "--set",
                "validation=null",
                "--set",
                "label=lab.el",
                "--set",
                "output.model=" + dir.resolve("models/dotted"),
                "--set",
                "output.metricsTable=",
                "--set",
                "estimator.maxEpochs=1");
        assertError(r, 3, "train", "Column 'lab.el'", "has a '.' in its name", "Rename the column");
    }

    @Test
    void aModelWhoseMetadataNamesAnotherStageClass() throws Exception {
        Path model = dir.resolve("models/renamed");
        ScoreIdempotencyTest.copyTree(Path.of(fx.model), model);
        try (var files = Files.walk(model.resolve("stages"))) {
            for (Path p :
                    files.filter(f -> f.toString().contains("metadata/part-")).toList()) {
                Files.writeString(
                        p,
                        Files.readString(p)
                                .replace(
                                        "classification.NeuralNetworkClassificationModel",
                                        "regression.NeuralNetworkRegressionModel"));
                Files.deleteIfExists(p.resolveSibling("." + p.getFileName() + ".crc"));
            }
        }
        ScoringFixture.Run r = score("--model", model.toString(), "--input", fx.testTable, "--output", out("l"));
        assertError(
                r,
                3,
                "score",
                "Cannot load the PipelineModel",
                "models/renamed",
                "[io.sparknn.ml.regression.NeuralNetworkRegressionModel]",
                "does not fit the class its metadata names");
    }

    private static ScoringFixture.Run score(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "score";
        System.arraycopy(args, 0, all, 1, args.length);
        return ScoringFixture.cli(all);
    }

    private static ScoringFixture.Run train(String override) {
        return ScoringFixture.cli(
                "train",
                "--config",
                "../conf/seed000-mlp.yaml",
                "--set",
                "input.path=" + fx.trainTable,
                "--set",
                "validation.table.path=" + fx.testTable,
                "--set",
                "output.model=" + dir.resolve("models/never"),
                "--set",
                override);
    }

    private static String out(String name) {
        return dir.resolve("out-" + name).toString();
    }

    /** The exit code, and a first stderr line "spark-nn COMMAND: ..." that contains every fragment. */
    private static void assertError(ScoringFixture.Run r, int code, String command, String... fragments) {
        assertEquals(code, r.code(), "exit code; stderr: " + r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("spark-nn " + command + ": "), "one line naming the command: " + first);
        for (String f : fragments) {
            assertTrue(first.contains(f), "'" + f + "' in: " + first);
        }
        assertTrue(r.out().isEmpty() || !r.out().get(r.out().size() - 1).endsWith(".json"), "no result path printed");
    }
}
