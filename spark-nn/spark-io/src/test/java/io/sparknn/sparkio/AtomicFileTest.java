package io.sparknn.sparkio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    private static final byte[] OLD = "old model".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "new model, longer".getBytes(StandardCharsets.UTF_8);

    /** The raw local file system: no .crc siblings, so the directory listing is exactly the files written. */
    private static FileSystem fs() throws IOException {
        return FileSystem.getLocal(new Configuration()).getRawFileSystem();
    }

    private static List<String> names(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheFileCreatingItsDirectoryAndReplacesAnOldOne(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("data/model.spnn");
        Path target = new Path(file.toUri());
        AtomicFile.write(fs(), target, out -> out.write(OLD));
        assertArrayEquals(OLD, Files.readAllBytes(file));
        AtomicFile.write(fs(), target, out -> out.write(NEW));
        assertArrayEquals(NEW, Files.readAllBytes(file));
        assertEquals(List.of("model.spnn"), names(file.getParent()), "no temporary file is left behind");
    }

    @Test
    void aFailureMidWriteKeepsTheOldFileAndLeavesNoTemporaryFile(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("model.spnn");
        Files.write(file, OLD);
        IOException failure = new IOException("disk full");
        IOException thrown = assertThrows(
                IOException.class,
                () -> AtomicFile.write(fs(), new Path(file.toUri()), out -> {
                    out.write(NEW, 0, 5);
                    throw failure;
                }));
        assertSame(failure, thrown, "the writer's own exception reaches the caller");
        assertArrayEquals(OLD, Files.readAllBytes(file));
        assertEquals(List.of("model.spnn"), names(dir));
    }

    @Test
    void aRuntimeFailureIsCleanedUpToo(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("checkpoint-000000000004.spnn");
        assertThrows(
                IllegalStateException.class,
                () -> AtomicFile.write(fs(), new Path(file.toUri()), out -> {
                    out.write(NEW);
                    throw new IllegalStateException("encoder bug");
                }));
        assertEquals(List.of(), names(dir), "neither the target nor a temporary file exists");
    }
}
