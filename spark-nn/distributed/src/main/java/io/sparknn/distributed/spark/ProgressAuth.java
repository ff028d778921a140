package io.sparknn.distributed.spark;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The progress channel's proof of the run's secret: HMAC-SHA256 over a label and the server's nonce. */
final class ProgressAuth {
    static final int NONCE_BYTES = 32;
    private static final byte[] LABEL = "spark-nn progress v1".getBytes(StandardCharsets.US_ASCII);

    private ProgressAuth() {}

    static byte[] mac(byte[] secret, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(LABEL);
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
