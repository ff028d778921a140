package io.sparknn.ml.inference;

import io.sparknn.model.SavedNetwork;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The models an executor JVM has parsed from their broadcasts, so that the tasks of one
 * {@code transform} parse the model file once, not once each. An executor is never told when a
 * broadcast is destroyed, and a driver in local mode or on Databricks lives for days and scores
 * many models, so the cache keeps at most {@code capacity} of them and drops the least recently
 * used one to make room; a dropped model is parsed again from its broadcast if it comes back.
 * Thread-safe: tasks run concurrently.
 */
final class ParsedModels {
    /** Models kept per JVM: a few transforms interleaved (a pipeline scoring several models) stay parsed. */
    static final int DEFAULT_CAPACITY = 4;

    private final LinkedHashMap<Long, SavedNetwork> byBroadcast;

    ParsedModels(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.byBroadcast = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, SavedNetwork> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The model of broadcast {@code id}, parsed from {@code bytes} on first use. */
    synchronized SavedNetwork get(long id, Supplier<byte[]> bytes) {
        SavedNetwork saved = byBroadcast.get(id);
        if (saved == null) {
            saved = parse(bytes.get(), id);
            byBroadcast.put(id, saved);
        }
        return saved;
    }

    synchronized boolean contains(long id) {
        return byBroadcast.containsKey(id);
    }

    synchronized int size() {
        return byBroadcast.size();
    }

    private static SavedNetwork parse(byte[] bytes, long id) {
        try {
            return SavedNetwork.read(new ByteArrayInputStream(bytes), "broadcast model " + id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
