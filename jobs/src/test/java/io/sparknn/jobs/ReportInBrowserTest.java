package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.data.FashionMnist;
import io.sparknn.jobs.demo.FashionMnistTables;
import io.sparknn.testing.FashionMnistData;
import io.sparknn.testkit.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports of a classification and a regression run, loaded by headless Chromium: no console
 * message, and the DOM the browser built holds what MLlib computes. Only with {@code -Pbrowser}
 * ({@code ./mvnw -B -ntp -Pbrowser test -pl jobs -am}); fails when {@code chromium} is missing.
 */
@Tag("browser")
class ReportInBrowserTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static String trainTable;
    static String testTable;

    @BeforeAll
    static void tables() throws Exception {
        spark = TestSpark.session();
        trainTable = dir.resolve("tables/train").toString();
        testTable = dir.resolve("tables/test").toString();
        FashionMnistTables.write(spark, FashionMnist.train(FashionMnistData.dir()), 1000, trainTable);
        FashionMnistTables.write(spark, FashionMnist.test(FashionMnistData.dir()), 500, testTable);
    }

    @Test
    void theConsoleCheckSeesAPageThatFails() throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.html"), "<html><body><script>missingFunction();</script></body></html>");
        assertFalse(consoleMessages(chromium(bad).err).isEmpty(), "an uncaught error reaches the console log");
    }

    @Test
    void aClassificationReportShowsMllibsFigures() throws Exception {
        Path out = dir.resolve("cls");
        assertEquals(0, train(out, "estimator.maxEpochs=2"));
        Browser b = chromium(out.resolve("r.html"));
        assertEquals(List.of(), consoleMessages(b.err));
        String matrix = element(b.dom, "table", "confusion-matrix");
        long sum = 0;
        for (String c : all(matrix, "data-count=\"(\\d+)\"")) {
            sum += Long.parseLong(c);
        }
        assertEquals(500, sum, "the confusion matrix holds every evaluated row once");
        double[] mllib = ReportChecks.mllibRecalls(
                PipelineModel.load(out.resolve("model").toString()),
                spark.read().format("delta").load(testTable));
        List<String> recalls = all(element(b.dom, "table", "per-class"), "data-recall=\"([^\"]+)\"");
        assertEquals(10, recalls.size());
        for (int k = 0; k < 10; k++) {
            assertEquals(mllib[k], Double.parseDouble(recalls.get(k)), 1e-12, "recall of class " + k);
        }
        assertEquals(2, all(element(b.dom, "svg", "chart-loss"), "(<polyline)").size(), "training and validation");
        assertEquals(16, all(element(b.dom, "div", "misclassified"), "(<img )").size());
    }

    @Test
    void aRegressionReportPlotsEveryEvaluatedRow() throws Exception {
        Path out = dir.resolve("reg");
        assertEquals(
                0,
                train(
                        out,
                        "estimator.maxEpochs=1",
                        "task=regression",
                        "labels=null",
                        "estimator.network={inputShape: [784], layers: [{type: Dense, units: 16, activation: relu}, "
                                + "{type: Dense, units: 1}]}"));
        Browser b = chromium(out.resolve("r.html"));
        assertEquals(List.of(), consoleMessages(b.err));
        assertEquals(
                500,
                all(element(b.dom, "svg", "chart-scatter"), "(<circle class=\"point\")")
                        .size());
        long binned = 0;
        for (String c : all(element(b.dom, "svg", "chart-residuals"), "<title>(\\d+)</title>")) {
            binned += Long.parseLong(c);
        }
        assertEquals(500, binned, "the residual histogram counts every row");
        assertFalse(b.dom.contains("id=\"confusion-matrix\""));
    }

    private static int train(Path out, String... overrides) {
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--config",
                "../conf/seed000-mlp.yaml",
                "--set",
                "input.path=" + trainTable,
                "--set",
                "validation.table.path=" + testTable,
                "--set",
                "output.model=" + out.resolve("model"),
                "--set",
                "output.metrics=" + out.resolve("m.json"),
                "--set",
                "output.report=" + out.resolve("r.html"),
                "--set",
                "output.metricsTable=",
                "--set",
                "estimator.numWorkers=1"));
        for (String o : overrides) {
            args.add("--set");
            args.add(o);
        }
        return Main.run(args.toArray(String[]::new));
    }

    record Browser(String dom, String err) {}

    static Browser chromium(Path page) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process p;
        try {
            p = new ProcessBuilder(
                            "chromium",
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--enable-logging=stderr",
                            "--v=0",
                            "--dump-dom",
                            page.toUri().toString())
                    .redirectError(err.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException(
                    "chromium is not installed (" + e.getMessage() + "): the browser tests need it. "
                            + "Install it with: apt-get install -y chromium",
                    e);
        }
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        String log = Files.readString(err);
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + log);
        return new Browser(dom, log);
    }

    /** The page's console messages as Chromium logs them ("...:CONSOLE:1] "Uncaught ..."). */
    static List<String> consoleMessages(String stderr) {
        return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }

    /** The serialised element with that id, up to its closing tag (these elements do not nest their own kind). */
    static String element(String dom, String tag, String id) {
        int start = dom.indexOf("<" + tag + " id=\"" + id + "\"");
        assertTrue(start >= 0, "the page has <" + tag + " id=" + id + ">");
        return dom.substring(start, dom.indexOf("</" + tag + ">", start));
    }

    static List<String> all(String html, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
