package io.sparknn.distributed.spark;

import io.sparknn.distributed.collective.RingEncryption;
import org.apache.spark.SparkConf;

/**
 * Whether the workers' ring is encrypted, from the Spark configuration: it follows Spark's own
 * network encryption ({@value #SPARK_CRYPTO}) unless {@value #OVERRIDE} says otherwise. The ring
 * is always authenticated with a fresh per-run secret, whatever {@code spark.authenticate} says.
 */
public final class CollectiveSecurity {
    /** Spark's switch for encrypting its own RPC and block transfers. */
    public static final String SPARK_CRYPTO = "spark.network.crypto.enabled";
    /** true/false: encrypt the ring regardless of {@value #SPARK_CRYPTO}. */
    public static final String OVERRIDE = "spark.sparknn.collective.encrypt";

    private CollectiveSecurity() {}

    public static RingEncryption encryption(SparkConf conf) {
        String key = conf.contains(OVERRIDE) ? OVERRIDE : SPARK_CRYPTO;
        String value = conf.get(key, "false").trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new TrainingSetupException(key + " must be true or false but is '" + value + "'");
        }
        return Boolean.parseBoolean(value) ? RingEncryption.AES_GCM : RingEncryption.OFF;
    }
}
