package io.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptimizerStateTest {

    @Test
    void newStatesHaveTheDocumentedSlots() {
        assertEquals(0, new Sgd().newState(4).slots().length);
        assertEquals(1, Sgd.withMomentum(0.9).newState(4).slots().length);
        assertEquals(2, new Adam().newState(4).slots().length);
        assertEquals(2, new AdamW().newState(4).slots().length);
        assertEquals(1, new RMSprop().newState(4).slots().length);
        assertEquals(2, new RMSprop().withMomentum(0.9).newState(4).slots().length);
        OptimizerState adagrad = new Adagrad().withInitialAccumulatorValue(0.1).newState(4);
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.1f}, adagrad.slots()[0]);
        assertEquals(0, adagrad.step());
        assertEquals(4, adagrad.length());
    }

    @Test
    void aRestoredStateContinuesExactlyLikeTheOriginal() {
        Adam adam = new Adam();
        float[] w = {1, -2, 3};
        float[] g = {0.5f, 0.25f, -1};
        OptimizerState original = adam.newState(3);
        adam.step(w, g, 0, 3, original, 0.1f, 1f);
        OptimizerState restored =
                new OptimizerState(3, original.step(), original.copy().slots());
        float[] w2 = w.clone();
        adam.step(w, g, 0, 3, original, 0.1f, 1f);
        adam.step(w2, g, 0, 3, restored, 0.1f, 1f);
        assertArrayEquals(w, w2);
        assertEquals(2, restored.step());
    }

    @Test
    void copyIsDeep() {
        OptimizerState state = new OptimizerState(2, 7, new float[][] {{1, 2}});
        OptimizerState copy = state.copy();
        assertNotSame(state.slots()[0], copy.slots()[0]);
        state.slots()[0][0] = 9;
        assertEquals(1f, copy.slots()[0][0]);
        assertEquals(7, copy.step());
    }

    @Test
    void rejectsSlotsOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new OptimizerState(3, 0, new float[][] {new float[3], new float[2]}));
        assertTrue(e.getMessage().contains("slot 1 has 2 elements but the state length is 3"), e.getMessage());
    }

    @Test
    void rejectsANegativeStep() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new OptimizerState(3, -1, new float[0][]));
        assertTrue(e.getMessage().contains("got -1"), e.getMessage());
    }
}
