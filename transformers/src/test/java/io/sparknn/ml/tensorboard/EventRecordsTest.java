package io.sparknn.ml.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The event file bytes against a golden file that TensorBoard 2.21's own reader checks
 * ({@code python/tests/test_tensorboard_events.py} reads the same file). Regenerate it, after a
 * deliberate format change only, with
 * {@code ./mvnw -B -ntp -o test -pl transformers -am -Dtest='EventRecordsTest#regenerate' -Dgroups=regenerate-golden
 * -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class EventRecordsTest {
    static final Path GOLDEN = Path.of("src/test/resources/tensorboard/events.out.tfevents.1700000000.golden");

    /** Three epochs, two step figures and the config, at fixed wall times. */
    static byte[] deterministicRun() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventRecords r = new EventRecords(out);
        r.fileVersion(1_700_000_000.0);
        r.text(1_700_000_000.5, 0, "config", "name: golden\nestimator:\n  maxEpochs: 3");
        float[] loss = {0.75f, 0.5f, 0.375f};
        float[] accuracy = {0.625f, 0.75f, 0.8125f};
        for (int epoch = 1; epoch <= 3; epoch++) {
            double t = 1_700_000_000.0 + 10 * epoch;
            r.scalar(t - 5, 100L * epoch - 50, "step/loss", loss[epoch - 1] + 0.125f);
            r.scalar(t, epoch, "epoch/loss", loss[epoch - 1]);
            r.scalar(t, epoch, "epoch/accuracy", accuracy[epoch - 1]);
            r.scalar(t, epoch, "epoch/learning_rate", 0.001f);
        }
        return out.toByteArray();
    }

    @Test
    void theEventFileMatchesTheGoldenFileByteForByte() throws IOException {
        assertArrayEquals(Files.readAllBytes(GOLDEN), deterministicRun());
    }

    @Test
    @Tag("regenerate-golden")
    void regenerate() throws IOException {
        Files.write(GOLDEN, deterministicRun());
    }

    @Test
    void crcsAreTfRecordsMaskedCrc32c() {
        // CRC32C("123456789") = 0xE3069283 (RFC 3720's check value); masked: rotate right 15, add 0xa282ead8.
        int crc = 0xE3069283;
        int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(masked, EventRecords.maskedCrc(b, 0, b.length));
    }
}
