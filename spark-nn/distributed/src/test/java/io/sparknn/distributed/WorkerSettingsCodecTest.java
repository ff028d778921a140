package io.sparknn.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.train.TrainingConfig;
import io.sparknn.train.TrainingConfigJson;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WorkerSettingsCodecTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(4)
            .dense(3, Activation.RELU)
            .dense(2, Activation.SOFTMAX)
            .build(); // 15 + 8 parameters

    private static WorkerSettings sample(float[] initial) {
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Adam().withWeightDecay(0.01))
                .learningRate(0.003f)
                .batchSize(48)
                .epochs(5)
                .seed(99)
                .threads(2)
                .clipNorm(1.5)
                .build();
        return new WorkerSettings(
                SPEC, cfg, WorkerSettings.Sharding.LOCAL_SHUFFLE, 7, 2, initial, SPEC.paramRangesOfLayers(0), 3);
    }

    @Test
    void settingsTravelWhole() {
        float[] initial = new float[23];
        Arrays.fill(initial, 0.5f);
        WorkerSettings s = sample(initial);
        WorkerSettings back = WorkerSettingsCodec.decode(WorkerSettingsCodec.encode(s), initial);
        assertEquals(SPEC, back.spec());
        assertEquals(TrainingConfigJson.write(s.training()), TrainingConfigJson.write(back.training()));
        assertEquals(WorkerSettings.Sharding.LOCAL_SHUFFLE, back.sharding());
        assertEquals(7, back.checkpointEverySteps());
        assertEquals(2, back.checkpointEveryEpochs());
        assertArrayEquals(new int[] {0, 15}, back.frozenRanges());
        assertEquals(3, back.earlyStoppingPatience());
        assertSame(initial, back.initialWeights(), "the initial weights come from the broadcast, not the bytes");
    }

    @Test
    void theInitialWeightsAreNotInTheBytes() {
        byte[] without = WorkerSettingsCodec.encode(sample(null));
        byte[] with = WorkerSettingsCodec.encode(sample(new float[23]));
        assertArrayEquals(without, with);
        assertNull(WorkerSettingsCodec.decode(with, null).initialWeights());
    }

    @Test
    void truncatedSettingsAreAClearError() {
        byte[] whole = WorkerSettingsCodec.encode(sample(null));
        for (int cut : new int[] {0, 6, 12, whole.length / 2, whole.length - 1}) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> WorkerSettingsCodec.decode(Arrays.copyOf(whole, cut), null),
                    "cut at " + cut);
            assertTrue(
                    e.getMessage().startsWith("The worker settings (" + cut + " bytes) are truncated or malformed"),
                    e.getMessage());
        }
    }

    @Test
    void foreignBytesAndANewerVersionAreRejected() {
        IllegalStateException foreign = assertThrows(
                IllegalStateException.class,
                () -> WorkerSettingsCodec.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, null));
        assertTrue(
                foreign.getMessage().contains("they start with 0x01020304 instead of 0x534E5753"),
                foreign.getMessage());

        byte[] whole = WorkerSettingsCodec.encode(sample(null));
        ByteBuffer.wrap(whole).putInt(4, 2);
        IllegalStateException newer =
                assertThrows(IllegalStateException.class, () -> WorkerSettingsCodec.decode(whole, null));
        assertTrue(
                newer.getMessage()
                        .startsWith("The worker settings have unsupported format version 2 (this build "
                                + "reads up to 1)"),
                newer.getMessage());
    }
}
