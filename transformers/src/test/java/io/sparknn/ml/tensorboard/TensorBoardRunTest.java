package io.sparknn.ml.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.train.EpochStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardRunTest {
    @TempDir
    Path logs;

    private static final Instant START = Instant.parse("2026-12-04T20:00:00Z");

    @Test
    void eachRunGetsItsOwnFolderAndNeverWritesIntoAnother() throws Exception {
        Path taken = Files.createDirectories(logs.resolve("mlp-20261204-200000"));
        Files.writeString(taken.resolve("events.out.tfevents.1.other"), "another run's file");
        String first;
        String second;
        try (TensorBoardRun a = TensorBoardRun.create(new Configuration(), logs.toString(), "mlp", START)) {
            first = a.dir();
            a.epoch(new EpochStats(1, 0.5, 0.75, 0.6, 0.7, 100, 2.0, 1.5, 0.25, 0.001), START.plusSeconds(2));
        }
        try (TensorBoardRun b = TensorBoardRun.create(new Configuration(), logs.toString(), "mlp", START)) {
            second = b.dir();
        }
        assertTrue(first.endsWith("/mlp-20261204-200000-2"), first);
        assertTrue(second.endsWith("/mlp-20261204-200000-3"), second);
        assertNotEquals(first, second);
        assertEquals("another run's file", Files.readString(taken.resolve("events.out.tfevents.1.other")));
        try (Stream<Path> files = Files.list(logs.resolve("mlp-20261204-200000-2"))) {
            List<Path> events = files.toList();
            assertEquals(1, events.size());
            assertTrue(events.get(0).getFileName().toString().startsWith("events.out.tfevents.1796414400."));
            assertTrue(Files.size(events.get(0)) > 100, "file version and six scalars");
        }
    }

    @Test
    void aRunsEventsStartWithTheFileVersionRecord() throws Exception {
        try (TensorBoardRun a = TensorBoardRun.create(new Configuration(), logs.toString(), "r", START)) {
            a.dir();
        }
        Path dir;
        try (Stream<Path> d = Files.list(logs)) {
            dir = d.findFirst().orElseThrow();
        }
        byte[] bytes;
        try (Stream<Path> f = Files.list(dir)) {
            bytes = Files.readAllBytes(f.findFirst().orElseThrow());
        }
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        new EventRecords(expected).fileVersion(START.getEpochSecond());
        assertArrayEquals(expected.toByteArray(), bytes);
    }
}
