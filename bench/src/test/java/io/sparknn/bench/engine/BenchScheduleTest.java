package io.sparknn.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.optim.schedule.LearningRateSchedule;
import org.junit.jupiter.api.Test;

/** The {@code --schedule} / {@code --lr} options of the Fashion-MNIST benchmarks. */
class BenchScheduleTest {
    @Test
    void constantKeepsTheRate() {
        LearningRateSchedule s = FashionMnistBenchmark.schedule("constant", 1e-3, 100, 20);
        assertEquals(1e-3f, s.rate(0));
        assertEquals(1e-3f, s.rate(99));
    }

    @Test
    void cosineDecaysToZeroOverTheWholeRun() {
        LearningRateSchedule s = FashionMnistBenchmark.schedule("cosine", 3e-3, 100, 20);
        assertEquals(3e-3f, s.rate(0));
        assertEquals(1.5e-3f, s.rate(50), 1e-9f);
        assertEquals(0f, s.rate(100));
    }

    @Test
    void warmupCosineRampsOverTheFirstEpochThenFollowsTheCosine() {
        LearningRateSchedule s = FashionMnistBenchmark.schedule("warmup-cosine", 3e-3, 100, 20);
        LearningRateSchedule cosine = FashionMnistBenchmark.schedule("cosine", 3e-3, 100, 20);
        assertEquals(3e-3f / 20, s.rate(0), 1e-9f);
        assertEquals(cosine.rate(9) * 10 / 20, s.rate(9), 1e-9f);
        assertEquals(cosine.rate(20), s.rate(20));
        assertEquals(cosine.rate(60), s.rate(60));
    }

    @Test
    void unknownScheduleNamesTheOption() {
        BenchArgs.UsageException e = assertThrows(
                BenchArgs.UsageException.class, () -> FashionMnistBenchmark.schedule("linear", 1e-3, 100, 20));
        assertTrue(e.getMessage().contains("--schedule") && e.getMessage().contains("linear"), e.getMessage());
    }

    @Test
    void learningRateMustBePositive() {
        BenchArgs args = new BenchArgs(new String[] {"--lr", "-0.1"}, 0);
        BenchArgs.UsageException e =
                assertThrows(BenchArgs.UsageException.class, () -> args.positiveDouble("lr", 1e-3));
        assertTrue(e.getMessage().contains("--lr") && e.getMessage().contains("-0.1"), e.getMessage());
        assertEquals(0.002, new BenchArgs(new String[] {"--lr", "0.002"}, 0).positiveDouble("lr", 1e-3));
    }
}
