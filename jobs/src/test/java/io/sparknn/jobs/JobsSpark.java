package io.sparknn.jobs;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession with Delta, shared by the module's tests. */
public final class JobsSpark {
    private static SparkSession session;

    private JobsSpark() {}

    private static String warehouse() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("spark-nn-warehouse-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> ScoringFixture.delete(dir)));
            return dir.toUri().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("spark-nn-jobs-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    // Catalog tables (the jobs take names as well as paths) go to a temporary warehouse.
                    .config("spark.sql.warehouse.dir", warehouse())
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
