package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a train run leaves in its output.tensorboard directory (TensorBoard itself reads the golden file). */
final class TensorBoardFiles {
    private TensorBoardFiles() {}

    static void checkRun(Path logDir, int epochs) throws IOException {
        List<Path> runs;
        try (Stream<Path> s = Files.list(logDir)) {
            runs = s.toList();
        }
        assertEquals(1, runs.size(), "one run folder: " + runs);
        assertTrue(runs.get(0).getFileName().toString().startsWith("seed000-mlp-"), runs.toString());
        List<Path> files;
        try (Stream<Path> s = Files.list(runs.get(0))) {
            files = s.toList();
        }
        assertEquals(1, files.size(), "one event file and no checksum sidecar: " + files);
        byte[] bytes = Files.readAllBytes(files.get(0));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int records = 0;
        while (b.remaining() > 0) {
            long len = b.getLong();
            b.position(b.position() + 4 + (int) len + 4);
            records++;
        }
        // version + config + 6 scalars per epoch (training and validation figures, rate, speed)
        // + the held-out metrics, + step points.
        assertTrue(records >= 2 + 6 * epochs + 5, records + " records");
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String tag : new String[] {
            "epoch/val_accuracy",
            "epoch/learning_rate",
            "epoch/samples_per_second",
            "eval/accuracy",
            "config",
            "brain.Event:2",
            "step/loss"
        }) {
            assertTrue(text.contains(tag), "the run has " + tag);
        }
    }
}
