package io.sparknn.it;

import io.sparknn.testkit.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark {@code local-cluster[n,1,1024]}: a master and n workers inside this JVM, each worker
 * running its executor as a separate JVM started from the test classpath (Spark wants SPARK_HOME to
 * hold an empty jars/ folder and SPARK_SCALA_VERSION set; the POM sets both).
 */
final class LocalCluster {
    private LocalCluster() {}

    static SparkSession start(int executors, String appName) throws Exception {
        return start(executors, 1, appName);
    }

    static SparkSession start(int executors, int coresPerExecutor, String appName) throws Exception {
        String home = System.getenv("SPARK_HOME");
        if (home == null) {
            throw new IllegalStateException("SPARK_HOME is not set; the integration-tests POM sets it for failsafe");
        }
        Files.createDirectories(Path.of(home, "jars"));
        SparkSession spark = TestSpark.builder(appName)
                .master("local-cluster[" + executors + "," + coresPerExecutor + ",1024]")
                .config("spark.executor.memory", "1g")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
                .getOrCreate();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
            if (System.nanoTime() > deadline) {
                spark.stop();
                throw new IllegalStateException(executors + " executors did not register within 120 s");
            }
            Thread.sleep(200);
        }
        return spark;
    }

    /** The executor JVMs this test JVM started (the workers of local-cluster run in-process). */
    static List<ProcessHandle> executorProcesses() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend"))
                .collect(Collectors.toList());
    }

    /** From /proc: ProcessHandle.Info gives up on command lines as long as an executor's classpath. */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static boolean containsCheckpoint(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("checkpoint-"));
        } catch (IOException e) {
            return false;
        }
    }
}
