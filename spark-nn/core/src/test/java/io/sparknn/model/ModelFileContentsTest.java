package io.sparknn.model;

import static io.sparknn.model.ModelFileFixtures.SPEC;
import static io.sparknn.model.ModelFileFixtures.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ModelFileContentsTest {
    private static void assertRejected(Executable build, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertEquals(message, e.getMessage());
    }

    @Test
    void specAndWeightsAreRequired() {
        assertRejected(
                () -> ModelFileContents.builder(null, new float[0]).build(),
                "Model file 'specJson' is null; pass the network spec as JSON");
        assertRejected(
                () -> ModelFileContents.builder(SPEC, null).build(),
                "Model file 'weights' is null; pass the flat weight vector (an empty array if the "
                        + "network has no parameters)");
    }

    @Test
    void optimizerSlotsMustHaveOneValuePerWeight() {
        assertRejected(
                () -> ModelFileContents.builder(SPEC, new float[3])
                        .optimizerState(SavedOptimizerState.of("{}", 0, new float[2], new float[2]))
                        .build(),
                "Optimizer slot 0 has 2 values but there are 3 weights; the optimizer state belongs "
                        + "to a different network");
    }

    @Test
    void optimizerStateIsValidated() {
        assertRejected(
                () -> SavedOptimizerState.of("{}", 0, new float[2], new float[3]),
                "Optimizer state slot 1 has 3 values but slot 0 has 2; every slot holds one value " + "per weight");
        assertRejected(
                () -> SavedOptimizerState.of("{}", 0, new float[65][1]),
                "Optimizer state has 65 slots; a model file holds at most 64");
        assertRejected(() -> SavedOptimizerState.of("{}", -1), "Optimizer state 'step' must be >= 0, got -1");
        assertRejected(() -> SavedOptimizerState.of("{}", 0, new float[] {1}, null), "Optimizer state slot 1 is null");
    }

    @Test
    void trainingStateIsValidated() {
        assertRejected(() -> TrainingState.builder().epoch(-1).build(), "Training state 'epoch' must be >= 0, got -1");
        assertRejected(
                () -> TrainingState.builder().globalStep(-5).build(),
                "Training state 'globalStep' must be >= 0, got -5");
        assertRejected(
                () -> TrainingState.builder().extra("", "x"),
                "Training state entry key must be non-empty, got \"\" (value x)");
        assertRejected(
                () -> TrainingState.builder().extra("rng", null),
                "Training state entry 'rng' has a null value; store \"\" or leave the entry out");
    }

    @Test
    void buffersNeedANameAndAnArray() {
        assertRejected(
                () -> ModelFileContents.builder(SPEC, new float[0]).buffer("", new float[1]),
                "A buffer name must be non-empty, got \"\"");
        assertRejected(
                () -> ModelFileContents.builder(SPEC, new float[0]).buffer("bn", null),
                "Buffer 'bn' is null; pass an array");
    }

    @Test
    void arraysAreCopiedInAndOut() {
        float[] weights = {1, 2};
        float[] slot = {3, 4};
        float[] buffer = {5};
        ModelFileContents c = ModelFileContents.builder(SPEC, weights)
                .optimizerState(SavedOptimizerState.of("{}", 0, slot))
                .buffer("b", buffer)
                .build();

        weights[0] = slot[0] = buffer[0] = -1;
        c.weights()[1] = c.optimizerState().get().slot(0)[1] = c.buffer("b").get()[0] = -1;

        assertSameBits(new float[] {1, 2}, c.weights(), "weights");
        assertSameBits(new float[] {3, 4}, c.optimizerState().get().slot(0), "slot");
        assertSameBits(new float[] {5}, c.buffer("b").get(), "buffer");
    }

    @Test
    void equalityComparesRawFloatBits() {
        ModelFileContents a = ModelFileContents.builder(SPEC, new float[] {Float.intBitsToFloat(0x7fc00001)})
                .build();
        ModelFileContents sameBits = ModelFileContents.builder(SPEC, new float[] {Float.intBitsToFloat(0x7fc00001)})
                .build();
        ModelFileContents otherNan = ModelFileContents.builder(SPEC, new float[] {Float.intBitsToFloat(0x7fc00002)})
                .build();
        ModelFileContents negZero =
                ModelFileContents.builder(SPEC, new float[] {-0.0f}).build();
        ModelFileContents posZero =
                ModelFileContents.builder(SPEC, new float[] {0.0f}).build();

        assertEquals(a, sameBits);
        assertEquals(a.hashCode(), sameBits.hashCode());
        assertNotEquals(a, otherNan);
        assertNotEquals(negZero, posZero);
    }
}
