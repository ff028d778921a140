package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparknn.data.FashionMnist;
import io.sparknn.jobs.demo.FashionMnistTables;
import io.sparknn.testing.FashionMnistData;
import io.sparknn.testkit.TestSpark;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it: {@code spark-submit --class io.sparknn.jobs.Main <jar> train ...}
 * on a JVM whose classpath holds Spark's jars only (what a vanilla Spark 3.5 distribution
 * provides), so anything the jar forgot to bundle fails here rather than on a cluster.
 */
class SparkSubmitJarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static SparkSession spark;
    static Path jar;
    static String trainTable;
    static String testTable;

    @BeforeAll
    static void tablesAndJar() throws Exception {
        jar = shadedJar();
        spark = TestSpark.session();
        Path data = FashionMnistData.dir();
        trainTable = dir.resolve("tables/train").toString();
        testTable = dir.resolve("tables/test").toString();
        FashionMnistTables.write(spark, FashionMnist.train(data), 3000, trainTable);
        FashionMnistTables.write(spark, FashionMnist.test(data), 1000, testTable);
    }

    @Test
    void trainsThroughSparkSubmit() throws Exception {
        Path out = dir.resolve("out");
        Run run = submit(
                "ok",
                "train",
                "--config",
                Checkout.dir().resolve("conf/seed000-mlp.yaml").toString(),
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
                "output.metricsTable=" + out.resolve("runs"),
                "--set",
                "estimator.maxEpochs=2");
        assertEquals(0, run.exitCode, run.describe());
        String backend = System.getProperty("sparknn.backend", "auto");
        if (!backend.equals("java")
                && System.getProperty("os.arch").equals("amd64")
                && System.getProperty("os.name").equals("Linux")) {
            // The native MKL libraries come out of the shaded jar (no MKL on the Spark classpath).
            assertTrue(run.stderr.contains("spark-nn backend: mkl"), "MKL from the shaded jar\n" + run.describe());
        }

        // The last stdout line is the metrics JSON path (what an Airflow BashOperator would push to XCom).
        List<String> lines = run.stdout.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertEquals("file:" + out.resolve("m.json"), lines.get(lines.size() - 1), run.describe());
        JsonNode m = JSON.readTree(out.resolve("m.json").toFile());
        assertEquals(1000, m.get("metrics").get("rows").asLong());
        double accuracy = m.get("metrics").get("accuracy").asDouble();
        // 2 epochs on 3,000 images reach ~0.75-0.80; 0.6 is far above chance (0.1) yet safe across backends.
        assertTrue(accuracy > 0.6, "held-out accuracy " + accuracy + "\n" + run.describe());
        assertEquals(2, m.get("history").size());
        assertTrue(Files.isDirectory(out.resolve("model/metadata")), "model metadata");
        assertTrue(Files.isDirectory(out.resolve("model/stages")), "model stages");
        assertTrue(Files.readString(out.resolve("r.html")).contains("seed000-mlp"), "report");
        assertTrue(Files.isDirectory(out.resolve("runs/_delta_log")), "metrics table");

        // A model written by the jar on "the cluster" loads and scores with the project's classes here.
        long scored = PipelineModel.load(out.resolve("model").toString())
                .transform(spark.read().format("delta").load(testTable))
                .select("prediction")
                .count();
        assertEquals(1000, scored);

        // export runs from the jar too: its ONNX classes and relocated protobuf runtime meet Spark's own protobuf.
        Path onnx = out.resolve("model.onnx");
        Run export = submit("export", "export", "--model", out.resolve("model").toString(), "--out", onnx.toString());
        assertEquals(0, export.exitCode, export.describe());
        ModelProto exported = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertEquals("probability", exported.getGraph().getOutput(0).getName(), export.describe());
    }

    @Test
    void badConfigKeyExitsWith2AndOneLineOnStderr() throws Exception {
        Path logs = dir.resolve("bad-logs");
        Run run = submitWithLogDir(
                "bad",
                logs,
                "train",
                "--config",
                Checkout.dir().resolve("conf/seed000-mlp.yaml").toString(),
                "--set",
                "input.path=" + trainTable,
                "--set",
                "output.colour=blue");
        assertEquals(2, run.exitCode, run.describe());
        List<String> ours =
                run.stderr.lines().filter(l -> l.startsWith("spark-nn")).collect(Collectors.toList());
        assertEquals(1, ours.size(), run.describe());
        assertTrue(ours.get(0).contains("Unknown key 'output.colour'"), ours.get(0));
        assertFalse(run.stderr.contains("\tat io.sparknn."), "no stack trace on the console\n" + run.describe());
        // conf/log4j2.properties sends Main's cause chain to the log file instead.
        String log = Files.readString(logs.resolve("spark-nn.log"));
        assertTrue(log.contains("io.sparknn.jobs.ConfigException") && log.contains("\tat "), log);
    }

    @Test
    void submitClasspathIsSparkWithoutWhatTheJarMustBring() {
        // Guards the two tests above: if the filter stopped working, they would pass on the test
        // classpath's copies of Delta, picocli and MKL instead of the jar's.
        String cp = sparkOnlyClasspath();
        String scalaBinary =
                scala.util.Properties$.MODULE$.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");
        assertTrue(cp.contains("/org/apache/spark/spark-core_" + scalaBinary + "/"), "Spark core on the classpath");
        assertTrue(cp.contains("/org/apache/hadoop/hadoop-client-api/"), "Hadoop client on the classpath");
        for (String absent : List.of(
                "picocli",
                "delta-spark",
                "delta-storage",
                "snakeyaml",
                "jackson-dataformat-yaml",
                "/org/bytedeco/",
                "/io/sparknn/",
                "target/classes")) {
            assertFalse(cp.contains(absent), absent + " must come from the shaded jar, not the classpath: " + cp);
        }
    }

    @Test
    void jarHoldsOurCodeDeltaAndMklButNoSparkScalaOrHadoop() throws Exception {
        Set<String> deltaOwnSparkEntries = entries(classpathJar("/io/delta/delta-spark_"));
        List<String> foreign = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                names.add(n);
                boolean spark = n.startsWith("org/apache/spark/")
                        && !n.endsWith("/")
                        && !n.startsWith("org/apache/spark/sql/delta/")
                        // Delta ships a few shims in Spark's packages; they are Delta's classes, not Spark's.
                        && !deltaOwnSparkEntries.contains(n);
                if (spark
                        || n.startsWith("scala/")
                        || n.startsWith("org/apache/hadoop/")
                        || n.startsWith("com/fasterxml/jackson/core/")
                        || n.startsWith("com/fasterxml/jackson/databind/")
                        || n.startsWith("org/slf4j/")
                        || n.startsWith("com/google/protobuf/") // relocated: the cluster has its own
                        || n.startsWith("org/antlr/")) {
                    foreign.add(n);
                }
            }
            assertEquals(
                    "io.sparknn.jobs.Main", jf.getManifest().getMainAttributes().getValue("Main-Class"));
            String services = new String(
                    jf.getInputStream(jf.getEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(services.contains("org.apache.spark.sql.delta.sources.DeltaDataSource"), services);
        }
        assertTrue(
                foreign.isEmpty(),
                foreign.size() + " classes the cluster provides, e.g. "
                        + foreign.subList(0, Math.min(10, foreign.size())));
        for (String needed : List.of(
                "io/sparknn/jobs/Main.class",
                "io/sparknn/ml/classification/NeuralNetworkClassifier.class",
                "io/delta/tables/DeltaTable.class",
                "io/delta/storage/LogStore.class",
                "picocli/CommandLine.class",
                "io/sparknn/shaded/org/yaml/snakeyaml/Yaml.class",
                "io/sparknn/shaded/com/fasterxml/jackson/dataformat/yaml/YAMLMapper.class",
                "io/sparknn/onnx/OnnxExporter.class",
                "io/sparknn/shaded/ai/onnx/proto/OnnxMl.class",
                "io/sparknn/shaded/com/google/protobuf/GeneratedMessageV3.class",
                "org/bytedeco/mkl/global/mkl_rt.class",
                "org/bytedeco/javacpp/Loader.class",
                "org/bytedeco/mkl/linux-x86_64/libmkl_rt.so.2")) {
            assertTrue(names.contains(needed), "the shaded jar lacks " + needed);
        }
    }

    /** The jar the jobs module built at package; integration-tests runs after it in the reactor. */
    private static Path shadedJar() {
        String p = System.getProperty("sparknn.shadedJar");
        if (p == null || !Files.isRegularFile(Path.of(p))) {
            fail("The shaded jar " + p + " does not exist. Build it in the same reactor, e.g. "
                    + "./mvnw -B -ntp -pl integration-tests -am verify (the jobs module shades at package; "
                    + "-Dsparknn.shade.skip=true skips it).");
        }
        return Path.of(p);
    }

    private Run submit(String name, String... args) throws Exception {
        return submitWithLogDir(name, dir.resolve(name + "-logs"), args);
    }

    private Run submitWithLogDir(String name, Path logDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-XX:TieredStopAtLevel=1"); // short run: C1 halves Spark's startup and Delta on 2 cores
        cmd.addAll(Arrays.asList(
                System.getProperty("sparknn.java17.opens", "").trim().split("\\s+")));
        cmd.add("-Dlog4j2.configurationFile="
                + Checkout.dir().resolve("conf/log4j2.properties").toUri());
        cmd.add("-Dsparknn.logDir=" + logDir);
        cmd.add("-Dsparknn.backend=" + System.getProperty("sparknn.backend", "auto"));
        cmd.add("-cp");
        cmd.add(sparkOnlyClasspath());
        cmd.addAll(List.of(
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                "local[2]",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.sql.shuffle.partitions=2",
                "--conf",
                "spark.databricks.delta.snapshotPartitions=2",
                "--class",
                "io.sparknn.jobs.Main",
                jar.toString()));
        cmd.addAll(Arrays.asList(args));
        Path stdout = dir.resolve(name + ".out");
        Path stderr = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            if (!p.waitFor(240, TimeUnit.SECONDS)) {
                fail("spark-submit did not finish within 240 s\n"
                        + new Run(-1, Files.readString(stdout), Files.readString(stderr)).describe());
            }
        } finally {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /**
     * This JVM's classpath minus what the shaded jar must bring itself: our modules, Delta,
     * picocli, the YAML parser and MKL; and minus test-only jars. What is left is Spark with its
     * dependencies, as a Spark distribution's jars/ directory provides them.
     */
    static String sparkOnlyClasspath() {
        Path repo = Checkout.dir();
        List<String> dropped = List.of(
                "/io/sparknn/",
                "/io/delta/",
                "/info/picocli/",
                "/org/yaml/snakeyaml/",
                "/com/fasterxml/jackson/dataformat/",
                "/org/bytedeco/",
                "/org/junit/",
                "/org/opentest4j/",
                "/org/apiguardian/",
                "/hadoop-client-minicluster/");
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e ->
                        !e.isBlank() && !Path.of(e).toAbsolutePath().normalize().startsWith(repo))
                .filter(e -> dropped.stream().noneMatch(e::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Path classpathJar(String marker) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains(marker) && e.endsWith(".jar"))
                .findFirst()
                .map(Path::of)
                .orElseThrow(() -> new IllegalStateException("no jar matching " + marker + " on the test classpath"));
    }

    private static Set<String> entries(Path jarPath) throws IOException {
        try (JarFile jf = new JarFile(jarPath.toFile())) {
            return jf.stream().map(JarEntry::getName).collect(Collectors.toSet());
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr (last 4000 chars)\n"
                    + stderr.substring(Math.max(0, stderr.length() - 4000));
        }
    }
}
