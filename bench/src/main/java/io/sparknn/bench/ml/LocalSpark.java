package io.sparknn.bench.ml;

import org.apache.spark.sql.SparkSession;

/** The benchmarks' embedded Spark: local[2] on loopback, no UI, two shuffle partitions. */
final class LocalSpark {
    private LocalSpark() {}

    static SparkSession start(String appName) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
