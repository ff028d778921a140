package io.sparknn.ml.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The executor's cache of parsed broadcast models is bounded and drops the least recently used. */
class ParsedModelsTest {
    private static final NetworkSpec SPEC =
            NetworkSpec.builder(3).dense(2, Activation.SOFTMAX).build();

    private static byte[] model(float firstWeight) throws IOException {
        float[] w = new float[(int) SPEC.paramCount()];
        w[0] = firstWeight;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SavedNetwork(SPEC, w, null, null, null).write(out);
        return out.toByteArray();
    }

    @Test
    void keepsAtMostItsCapacityAndEvictsTheLeastRecentlyUsed() throws IOException {
        ParsedModels cache = new ParsedModels(2);
        byte[] bytes = model(1f);
        cache.get(1, () -> bytes);
        cache.get(2, () -> bytes);
        cache.get(1, () -> bytes); // 1 is now more recent than 2
        cache.get(3, () -> bytes);
        assertEquals(2, cache.size());
        assertTrue(cache.contains(1));
        assertFalse(cache.contains(2), "the least recently used model is dropped");
        assertTrue(cache.contains(3));
        for (long id = 4; id < 100; id++) {
            cache.get(id, () -> bytes);
        }
        assertEquals(2, cache.size(), "a long-lived driver scoring 100 models keeps 2");
    }

    @Test
    void parsesEachModelOnceWhileItIsCachedAndAgainAfterEviction() throws IOException {
        ParsedModels cache = new ParsedModels(1);
        AtomicInteger parses = new AtomicInteger();
        byte[] seven = model(7f);
        Supplier<byte[]> first = () -> {
            parses.incrementAndGet();
            return seven;
        };
        SavedNetwork a = cache.get(10, first);
        SavedNetwork b = cache.get(10, first);
        assertEquals(1, parses.get());
        assertEquals(a, b);
        assertEquals(7f, a.weights()[0]);
        byte[] other = model(8f);
        assertEquals(8f, cache.get(11, () -> other).weights()[0]);
        assertArrayEquals(a.weights(), cache.get(10, first).weights(), "parsed again from its broadcast");
        assertEquals(2, parses.get());
    }
}
