package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepProgressTest {

    @Test
    void aStepLineTravelsAsItsFigures() {
        StepProgress p = new StepProgress(2, 10, 120, 469, 0.4321, 5120, 42, 300);
        assertEquals("epoch 2/10 step 120/469 loss 0.4321 samples/s 5120 elapsed 42s ETA 300s", p.format());
        assertEquals(p, StepProgress.parse(p.format()));
        assertNull(StepProgress.parse("epoch 1: loss=0.5000 acc=0.8000 val_loss=NaN"), "an epoch summary");
    }

    @Test
    void subscribersGetEveryStepUntilTheyClose() {
        List<StepProgress> seen = new ArrayList<>();
        try (DriverProgress.Subscription s = DriverProgress.subscribe(seen::add, true)) {
            DriverProgress.accept("epoch 1/1 step 1/2 loss 0.5000 samples/s 100 elapsed 1s ETA 1s");
            DriverProgress.accept("epoch 1: loss=0.5000");
            DriverProgress.accept("epoch 1/1 step 2/2 loss 0.2500 samples/s 100 elapsed 2s ETA 0s");
        }
        DriverProgress.accept("epoch 1/1 step 2/2 loss 0.2500 samples/s 100 elapsed 2s ETA 0s");
        assertEquals(2, seen.size());
        assertEquals(0.25, seen.get(1).loss());
    }
}
