package io.sparknn.bench.distributed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A {@code local-cluster[n,1,mem]} Spark session for benchmarks: n executor JVMs with one core
 * each, started from this JVM's classpath, so no Spark installation is needed.
 * Needs the environment variables SPARK_HOME (a writable directory) and SPARK_SCALA_VERSION,
 * which {@code bin/spark-nn} sets.
 */
final class LocalClusterSession {
    private LocalClusterSession() {}

    static SparkSession start(int executors, int executorMemoryMb, String appName)
            throws IOException, InterruptedException {
        return start(executors, executorMemoryMb, appName, Map.of());
    }

    /** With further Spark settings, e.g. Delta's session extension. */
    static SparkSession start(int executors, int executorMemoryMb, String appName, Map<String, String> settings)
            throws IOException, InterruptedException {
        String home = System.getenv("SPARK_HOME");
        if (home == null || System.getenv("SPARK_SCALA_VERSION") == null) {
            throw new IllegalStateException(
                    "local-cluster needs SPARK_HOME (a writable directory) and SPARK_SCALA_VERSION "
                            + "in the environment; run the benchmark through bin/spark-nn, which sets them");
        }
        Files.createDirectories(Path.of(home, "jars"));
        SparkSession.Builder builder = SparkSession.builder()
                .master("local-cluster[" + executors + ",1," + executorMemoryMb + "]")
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", Integer.toString(Math.max(2, executors)))
                .config("spark.executor.memory", executorMemoryMb + "m")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1");
        for (Map.Entry<String, String> e : settings.entrySet()) {
            builder = builder.config(e.getKey(), e.getValue());
        }
        SparkSession spark = builder.getOrCreate();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
            if (System.nanoTime() > deadline) {
                spark.stop();
                throw new IllegalStateException(executors + " executors did not register within 180 s");
            }
            Thread.sleep(200);
        }
        return spark;
    }
}
