package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparknn.data.FashionMnist;
import io.sparknn.jobs.demo.FashionMnistTables;
import io.sparknn.testing.FashionMnistData;
import io.sparknn.testkit.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * What the score/evaluate tests share, built once per test JVM: Fashion-MNIST Delta tables
 * (2000 training rows, 600 test rows) and one model trained on them with the train command
 * (conf/seed000-mlp.yaml, 2 epochs), plus a way to run a command and capture what it prints.
 */
public final class ScoringFixture {
    public static final int TRAIN_ROWS = 2000;
    public static final int TEST_ROWS = 600;
    private static ScoringFixture instance;

    public final Path dir;
    public final String trainTable;
    public final String testTable;
    public final String model;

    /** A finished command: exit code, stdout lines and what went to stderr. */
    public record Run(int code, List<String> out, String err) {
        public String lastLine() {
            return out.isEmpty() ? "" : out.get(out.size() - 1);
        }
    }

    private ScoringFixture() throws IOException {
        SparkSession spark = TestSpark.session();
        dir = Files.createTempDirectory("spark-nn-scoring-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        Path data = FashionMnistData.dir();
        trainTable = dir.resolve("tables/train").toString();
        testTable = dir.resolve("tables/test").toString();
        FashionMnistTables.write(spark, FashionMnist.train(data), TRAIN_ROWS, trainTable);
        FashionMnistTables.write(spark, FashionMnist.test(data), TEST_ROWS, testTable);
        model = dir.resolve("models/mlp").toString();
        Run train = cli(
                "train",
                "--config",
                "../conf/seed000-mlp.yaml",
                "--set",
                "input.path=" + trainTable,
                "--set",
                "validation.table.path=" + testTable,
                "--set",
                "output.model=" + model,
                "--set",
                "output.metricsTable=" + dir.resolve("tables/runs"),
                "--set",
                "output.metrics=" + dir.resolve("models/mlp.metrics.json"),
                "--set",
                "output.report=" + dir.resolve("models/mlp.report.html"),
                "--set",
                "estimator.maxEpochs=2");
        assertEquals(0, train.code(), "training the shared model failed: " + train.err());
    }

    public static synchronized ScoringFixture get() {
        if (instance == null) {
            try {
                instance = new ScoringFixture();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** Runs {@code spark-nn args...} in this JVM, capturing stdout and the one-line error. */
    public static synchronized Run cli(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            code = Main.run(new PrintWriter(err, true), args);
        } finally {
            System.setOut(original);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        original.print(stdout);
        System.err.print(err);
        return new Run(code, stdout.lines().toList(), err.toString());
    }

    static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit: a temporary directory left behind is harmless
        }
    }
}
