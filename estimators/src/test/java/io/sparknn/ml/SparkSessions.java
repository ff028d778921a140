package io.sparknn.ml;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession shared by the module's tests. */
public final class SparkSessions {
    private static SparkSession session;

    private SparkSessions() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("spark-nn-estimators-tests")
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
