package io.sparknn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpochStatsJsonTest {

    @Test
    void theTimeSplitAndLearningRateRoundTrip() {
        List<EpochStats> h = List.of(new EpochStats(1, 0.5, 0.8, 0.6, 0.75, 100, 2.0, 1.5, 0.25, 0.001));
        assertEquals(h, EpochStatsJson.read(EpochStatsJson.write(h)));
    }

    @Test
    void aHistorySavedBeforeTheTimeSplitReadsAsNotMeasured() {
        String old = "[{\"epoch\":1,\"loss\":0.5,\"accuracy\":0.8,\"validationLoss\":null,"
                + "\"validationAccuracy\":null,\"samples\":100,\"seconds\":2.0}]";
        EpochStats e = EpochStatsJson.read(old).get(0);
        assertEquals(0.5, e.loss());
        assertEquals(100, e.samples());
        assertTrue(Double.isNaN(e.computeSeconds()));
        assertTrue(Double.isNaN(e.communicationSeconds()));
        assertTrue(Double.isNaN(e.learningRate()));
    }
}
