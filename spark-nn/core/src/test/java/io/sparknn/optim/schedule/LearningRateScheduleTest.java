package io.sparknn.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected rates are worked out by hand from the formulas in each schedule's Javadoc. */
class LearningRateScheduleTest {
    /** The rates are float casts of double formulas; 1e-8 is about one float ulp at 0.1. */
    private static final float TOLERANCE = 1e-8f;

    static List<LearningRateSchedule> schedules() {
        return List.of(
                LearningRateSchedule.constant(0.01),
                LearningRateSchedule.step(0.1, 10, 0.5),
                LearningRateSchedule.exponential(0.1, 0.96, 100),
                LearningRateSchedule.cosine(0.1, 1000, 0.001),
                LearningRateSchedule.warmup(LearningRateSchedule.cosine(0.1, 1000, 0), 50),
                LearningRateSchedule.warmup(LearningRateSchedule.warmup(LearningRateSchedule.constant(1), 2), 3));
    }

    @Test
    void constant() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.01);
        assertEquals(0.01f, s.rate(0));
        assertEquals(0.01f, s.rate(1_000_000));
    }

    @Test
    void stepDecay() {
        LearningRateSchedule s = LearningRateSchedule.step(0.1, 10, 0.5);
        assertEquals(0.1f, s.rate(0), TOLERANCE);
        assertEquals(0.1f, s.rate(9), TOLERANCE);
        assertEquals(0.05f, s.rate(10), TOLERANCE);
        assertEquals(0.05f, s.rate(19), TOLERANCE);
        assertEquals(0.0125f, s.rate(35), TOLERANCE);
    }

    @Test
    void exponentialDecayIsContinuous() {
        LearningRateSchedule s = LearningRateSchedule.exponential(0.1, 0.5, 100);
        assertEquals(0.1f, s.rate(0), TOLERANCE);
        assertEquals(0.05f, s.rate(100), TOLERANCE);
        assertEquals(0.025f, s.rate(200), TOLERANCE);
        // 0.1 * 0.5^0.5 halfway between the two
        assertEquals(0.07071067811865475f, s.rate(50), TOLERANCE);
    }

    @Test
    void cosineDecay() {
        LearningRateSchedule s = LearningRateSchedule.cosine(0.1, 100, 0.01);
        assertEquals(0.1f, s.rate(0), TOLERANCE);
        assertEquals(0.055f, s.rate(50), TOLERANCE); // (0.1 + 0.01) / 2
        // 0.01 + 0.09 * (1 + cos(pi / 4)) / 2
        assertEquals(0.08681980515339464f, s.rate(25), TOLERANCE);
        assertEquals(0.01f, s.rate(100), TOLERANCE);
        assertEquals(0.01f, s.rate(5000), TOLERANCE);
    }

    @Test
    void linearWarmup() {
        LearningRateSchedule s = LearningRateSchedule.warmup(LearningRateSchedule.constant(0.1), 4);
        assertEquals(0.025f, s.rate(0), TOLERANCE);
        assertEquals(0.05f, s.rate(1), TOLERANCE);
        assertEquals(0.1f, s.rate(3), TOLERANCE);
        assertEquals(0.1f, s.rate(4), TOLERANCE);
        LearningRateSchedule overStep = LearningRateSchedule.warmup(LearningRateSchedule.step(0.1, 2, 0.5), 4);
        assertEquals(0.0375f, overStep.rate(2), TOLERANCE); // 0.05 * 3 / 4
    }

    @Test
    void negativeStepIsAnError() {
        for (LearningRateSchedule s : schedules()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.rate(-1));
            assertTrue(e.getMessage().contains("got -1"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void roundTrips(LearningRateSchedule schedule) {
        LearningRateSchedule read = LearningRateSchedules.fromJson(schedule.toJson());
        assertEquals(schedule, read);
        assertEquals(schedule.rate(17), read.rate(17));
    }

    @Test
    void readsNestedWarmup() {
        LearningRateSchedule s = LearningRateSchedules.fromJson("{\"name\":\"warmup\","
                + "\"warmupSteps\":10,\"inner\":{\"name\":\"cosine\",\"learningRate\":0.1,"
                + "\"totalSteps\":100}}");
        assertEquals(LearningRateSchedule.warmup(LearningRateSchedule.cosine(0.1, 100, 0), 10), s);
    }

    private static String errorOf(String json) {
        return assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.fromJson(json))
                .getMessage();
    }

    @Test
    void badJsonNamesTheKey() {
        String unknownKey =
                errorOf("{\"name\":\"step\",\"learningRate\":0.1,\"stepSize\":10," + "\"gamma\":0.5,\"decay\":1}");
        assertTrue(unknownKey.contains("'decay'") && unknownKey.contains("stepSize, gamma"), unknownKey);
        String missing = errorOf("{\"name\":\"step\",\"learningRate\":0.1,\"gamma\":0.5}");
        assertTrue(missing.contains("'stepSize'") && missing.contains("missing"), missing);
        String fractional = errorOf("{\"name\":\"cosine\",\"learningRate\":0.1," + "\"totalSteps\":10.5}");
        assertTrue(fractional.contains("'totalSteps'") && fractional.contains("whole number"), fractional);
        String range =
                errorOf("{\"name\":\"exponential\",\"learningRate\":0.1,\"decayRate\":0.9," + "\"decaySteps\":0}");
        assertTrue(range.contains("decaySteps") && range.contains("got 0.0"), range);
        String inner =
                errorOf("{\"name\":\"warmup\",\"warmupSteps\":5," + "\"inner\":{\"name\":\"constant\",\"rate\":0.1}}");
        assertTrue(inner.contains("'rate'") && inner.contains("learningRate"), inner);
        String name = errorOf("{\"name\":\"linear\"}");
        assertTrue(
                name.contains("'linear'") && name.contains("constant, step, exponential, " + "cosine, warmup"), name);
        String minAboveMax =
                errorOf("{\"name\":\"cosine\",\"learningRate\":0.1," + "\"totalSteps\":10,\"minLearningRate\":0.2}");
        assertTrue(minAboveMax.contains("minLearningRate (0.2)"), minAboveMax);
    }
}
