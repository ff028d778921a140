package io.sparknn.jobs;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SparkSession a job runs in. Under spark-submit (or a Databricks cluster) the master and
 * settings come from there; run as a plain Java program (the local launcher) it starts an
 * embedded {@code local[*]} Spark. Delta's SQL extension and catalog are always configured,
 * so users need no Delta settings of their own.
 */
public final class JobSpark {
    private static final Logger LOG = LoggerFactory.getLogger(JobSpark.class);
    private static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

    private JobSpark() {}

    public static SparkSession session(String appName, Map<String, String> settings) {
        SparkConf conf = new SparkConf(true); // picks up spark.* system properties (spark-submit sets them)
        SparkSession.Builder b = SparkSession.builder()
                .appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        if (!conf.contains("spark.master")) {
            LOG.info("No spark.master given: running on an embedded local[*] Spark");
            b = b.master("local[*]");
        }
        String master = conf.get("spark.master", "local[*]");
        if (master.startsWith("local")
                && !conf.contains(SNAPSHOT_PARTITIONS)
                && !settings.containsKey(SNAPSHOT_PARTITIONS)) {
            // Delta rebuilds a table snapshot with 50 tasks by default, sized for clusters: on a
            // local Spark that costs seconds per table read for logs of a few files.
            b = b.config(
                    SNAPSHOT_PARTITIONS,
                    Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
        }
        if (!conf.contains("spark.sql.shuffle.partitions") && !settings.containsKey("spark.sql.shuffle.partitions")) {
            b = b.config(
                    "spark.sql.shuffle.partitions",
                    Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (conf.contains(e.getKey())) {
                LOG.info(
                        "{} from the Spark configuration ({}) wins over the job config ({})",
                        e.getKey(),
                        conf.get(e.getKey()),
                        e.getValue());
            } else {
                b = b.config(e.getKey(), e.getValue());
            }
        }
        return b.getOrCreate();
    }
}
