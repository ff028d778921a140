package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.collective.RingEncryption;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class CollectiveSecurityTest {

    @Test
    void theRingIsEncryptedExactlyWhenSparkNetworkCryptoIsOn() {
        assertEquals(RingEncryption.OFF, CollectiveSecurity.encryption(new SparkConf(false)));
        assertEquals(
                RingEncryption.AES_GCM,
                CollectiveSecurity.encryption(new SparkConf(false)
                        .set("spark.authenticate", "true")
                        .set("spark.network.crypto.enabled", "true")));
        assertEquals(
                RingEncryption.OFF,
                CollectiveSecurity.encryption(new SparkConf(false).set("spark.network.crypto.enabled", "false")));
    }

    @Test
    void theSparkNnSettingOverridesSparks() {
        assertEquals(
                RingEncryption.AES_GCM,
                CollectiveSecurity.encryption(new SparkConf(false).set("spark.sparknn.collective.encrypt", "true")));
        assertEquals(
                RingEncryption.OFF,
                CollectiveSecurity.encryption(new SparkConf(false)
                        .set("spark.network.crypto.enabled", "true")
                        .set("spark.sparknn.collective.encrypt", "false")));
    }

    @Test
    void aValueThatIsNotABooleanIsNamed() {
        TrainingSetupException e = assertThrows(
                TrainingSetupException.class,
                () -> CollectiveSecurity.encryption(new SparkConf(false).set("spark.network.crypto.enabled", "yes")));
        assertTrue(
                e.getMessage().contains("spark.network.crypto.enabled must be true or false but is 'yes'"),
                e.getMessage());
    }
}
