package io.sparknn.distributed.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession for the module's tests: loopback only, no UI, few shuffle partitions. */
final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {}

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("spark-nn-distributed-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
