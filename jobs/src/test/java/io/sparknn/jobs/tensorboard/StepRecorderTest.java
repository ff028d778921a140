package io.sparknn.jobs.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparknn.distributed.spark.StepProgress;
import org.junit.jupiter.api.Test;

class StepRecorderTest {

    @Test
    void keepsTheFirstStepAndThenOnePointPerInterval() {
        try (StepRecorder r = StepRecorder.start(10)) {
            for (int step : new int[] {1, 5, 11, 12, 24}) {
                r.accept(new StepProgress(1, 2, step, 24, 1.0 / step, 100, step, 0));
            }
            r.accept(new StepProgress(2, 2, 24, 24, 0.1, 100, 48, 0)); // global step 48
            assertEquals(
                    java.util.List.of(1L, 11L, 24L, 48L),
                    r.points().stream().map(StepRecorder.Point::globalStep).toList());
        }
    }
}
