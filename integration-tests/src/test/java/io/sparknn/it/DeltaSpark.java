package io.sparknn.it;

import org.apache.spark.sql.SparkSession;

/** A local[2] SparkSession with Delta, for the tests that run the jobs on Delta tables. */
final class DeltaSpark {
    private DeltaSpark() {}

    static SparkSession start(String appName) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                // Delta's default of 50 snapshot partitions dominates small-table tests on 2 cores.
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
    }

    /** The repository root (conf/ lives there), set by the integration-tests POM. */
    static java.nio.file.Path repoDir() {
        String dir = System.getProperty("sparknn.repoDir");
        if (dir == null) {
            throw new IllegalStateException(
                    "System property sparknn.repoDir is not set; the integration-tests POM sets it "
                            + "for surefire. Run the test through Maven, or pass -Dsparknn.repoDir=<checkout>.");
        }
        return java.nio.file.Path.of(dir).toAbsolutePath().normalize();
    }
}
