package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.WorkerResult;
import io.sparknn.train.EpochStats;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerResultCodecTest {

    private static WorkerResult sample() {
        List<EpochStats> history = List.of(
                new EpochStats(1, 0.6931471805599453, 0.5, Double.NaN, Double.NaN, 1000, 1.25),
                new EpochStats(2, 0.4, Double.NaN, 0.45, 0.8125, 1000, 0.75, 0.5, 0.25, 0.001));
        return new WorkerResult(
                new float[] {1.5f, -0f, Float.MIN_VALUE, 3.4e38f}, new float[] {0.25f, 2f}, history, 40, 3, 17);
    }

    @Test
    void aResultTravelsBitForBit() {
        WorkerResult r = sample();
        WorkerResult back = WorkerResultCodec.decode(WorkerResultCodec.encode(r));
        assertArrayEquals(r.weights(), back.weights());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(back.weights()[1]));
        assertArrayEquals(r.state(), back.state());
        assertEquals(r.history(), back.history());
        assertEquals(40, back.globalSteps());
        assertEquals(3, back.resumedFromEpoch());
        assertEquals(17, back.resumedFromStep());
    }

    @Test
    void theOutcomeEnvelopeCarriesTheTypedResult() {
        WorkerOutcome out =
                WorkerOutcome.decode(WorkerOutcome.encode(new WorkerOutcome.Trained(sample(), new InputAudit(0, 2))));
        WorkerOutcome.Trained t = assertInstanceOf(WorkerOutcome.Trained.class, out);
        assertEquals(sample().history(), t.result().history());
        assertArrayEquals(sample().weights(), t.result().weights());
    }

    @Test
    void aTruncatedResultIsAClearError() {
        byte[] whole = WorkerResultCodec.encode(sample());
        for (int cut : new int[] {0, 3, 8, 13, whole.length - 1}) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> WorkerResultCodec.decode(Arrays.copyOf(whole, cut)),
                    "cut at " + cut);
            assertTrue(
                    e.getMessage().startsWith("The result of worker 0 (" + cut + " bytes) is truncated or malformed"),
                    e.getMessage());
        }
    }

    @Test
    void garbageAndTrailingBytesAreRejected() {
        IllegalStateException garbage = assertThrows(
                IllegalStateException.class,
                () -> WorkerResultCodec.decode(
                        "not a result at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTrue(
                garbage.getMessage().contains("it starts with 0x6E6F7420 instead of 0x534E5752"), garbage.getMessage());

        byte[] whole = WorkerResultCodec.encode(sample());
        IllegalStateException extra = assertThrows(
                IllegalStateException.class, () -> WorkerResultCodec.decode(Arrays.copyOf(whole, whole.length + 2)));
        assertTrue(extra.getMessage().contains("2 bytes follow the end of the result"), extra.getMessage());
    }

    @Test
    void aHugeArrayLengthIsRejectedBeforeAllocating() {
        byte[] whole = WorkerResultCodec.encode(sample());
        ByteBuffer.wrap(whole).putInt(8, Integer.MAX_VALUE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkerResultCodec.decode(whole));
        assertTrue(e.getMessage().contains("an array of 2147483647 floats does not fit"), e.getMessage());
    }

    @Test
    void aNewerFormatNamesBothVersions() {
        byte[] whole = WorkerResultCodec.encode(sample());
        ByteBuffer.wrap(whole).putInt(4, 9);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkerResultCodec.decode(whole));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "The result of worker 0 has unsupported format version 9 (this build reads up to 2)"),
                e.getMessage());
    }
}
