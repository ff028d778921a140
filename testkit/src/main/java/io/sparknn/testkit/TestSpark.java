package io.sparknn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession of a test JVM, shared by every test class that runs in it and
 * stopped when the JVM exits: starting Spark takes seconds, so each module pays it once.
 */
public final class TestSpark {
    private static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
    private static SparkSession session;

    private TestSpark() {}

    /** The shared session, started on first use. */
    public static synchronized SparkSession session() {
        if (session == null) {
            Path warehouse = temporaryWarehouse();
            SparkSession started = builder("spark-nn-tests")
                    // Catalog tables (the jobs take names as well as paths) go to a folder of this run.
                    .config("spark.sql.warehouse.dir", warehouse.toUri().toString())
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.stop();
                deleteTree(warehouse);
            }));
            session = started;
        }
        return session;
    }

    /**
     * A builder with the settings every test session uses: local[2], loopback only, no UI, two
     * shuffle partitions, and Delta when it is on the classpath. For a session of its own (a child
     * JVM's application, a local-cluster master set afterwards), which its caller then stops.
     */
    public static SparkSession.Builder builder(String appName) {
        SparkSession.Builder b = SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2");
        if (deltaOnClasspath()) {
            b.config("spark.sql.extensions", DELTA_EXTENSION)
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    // Delta's default of 50 snapshot partitions dominates small-table tests on 2 cores.
                    .config("spark.databricks.delta.snapshotPartitions", "2");
        }
        return b;
    }

    private static boolean deltaOnClasspath() {
        try {
            Class.forName(DELTA_EXTENSION, false, TestSpark.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Path temporaryWarehouse() {
        try {
            return Files.createTempDirectory("spark-nn-warehouse-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary Spark warehouse folder", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the test warehouse " + root, e);
        }
    }
}
