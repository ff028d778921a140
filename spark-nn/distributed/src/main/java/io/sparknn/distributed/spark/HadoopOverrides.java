package io.sparknn.distributed.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * The driver's Hadoop settings a worker needs for the checkpoint file system: only those that
 * differ from what a fresh {@link Configuration} loads, so the task closure does not carry the
 * whole configuration (hundreds of entries, credentials of file systems training never touches).
 * The executor starts from Spark's own Hadoop configuration (spark.hadoop.* included) and
 * applies these on top.
 */
final class HadoopOverrides {
    private HadoopOverrides() {}

    /** The entries of {@code conf} that a fresh Configuration does not have with the same value. */
    static HashMap<String, String> of(Configuration conf) {
        Configuration defaults = new Configuration();
        HashMap<String, String> m = new HashMap<>();
        for (Map.Entry<String, String> e : conf) {
            if (!e.getValue().equals(defaults.getRaw(e.getKey()))) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /** Spark's Hadoop configuration on this executor with the driver's overrides applied. */
    static Configuration apply(Map<String, String> overrides, SparkConf sparkConf) {
        Configuration conf =
                sparkConf == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(sparkConf);
        overrides.forEach(conf::set);
        return conf;
    }
}
