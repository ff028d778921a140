package io.sparknn.model;

import static io.sparknn.model.ModelFileFixtures.bytesOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileAtomicWriteTest {
    @TempDir
    Path dir;

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeLeavesExactlyTheTargetFile() throws Exception {
        Path target = dir.resolve("model.spnn");

        ModelFile.write(target, ModelFileFixtures.full());

        assertEquals(List.of("model.spnn"), filesInDir());
        assertArrayEquals(bytesOf(ModelFileFixtures.full()), Files.readAllBytes(target));
        assertEquals(ModelFileFixtures.full(), ModelFile.read(target));
    }

    @Test
    void writeReplacesAnExistingFile() throws Exception {
        Path target = dir.resolve("model.spnn");
        ModelFile.write(target, ModelFileFixtures.full());

        ModelFile.write(target, ModelFileFixtures.minimal());

        assertEquals(List.of("model.spnn"), filesInDir());
        assertEquals(ModelFileFixtures.minimal(), ModelFile.read(target));
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("model.spnn");
        ModelFile.write(target, ModelFileFixtures.minimal());
        byte[] before = Files.readAllBytes(target);

        IOException io = assertThrows(
                IOException.class,
                () -> AtomicFileWriter.write(target, out -> {
                    out.write(new byte[100_000]);
                    throw new IOException("disk full (simulated)");
                }));
        IllegalStateException bug = assertThrows(
                IllegalStateException.class,
                () -> AtomicFileWriter.write(target, out -> {
                    ModelFile.write(out, ModelFileFixtures.full());
                    throw new IllegalStateException("writer bug (simulated)");
                }));

        assertEquals("disk full (simulated)", io.getMessage());
        assertEquals("writer bug (simulated)", bug.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of("model.spnn"), filesInDir());
    }

    @Test
    void aFailedFirstWriteCreatesNothing() {
        Path target = dir.resolve("model.spnn");

        assertThrows(
                IOException.class,
                () -> AtomicFileWriter.write(target, out -> {
                    out.write(1);
                    throw new IOException("simulated");
                }));

        assertTrue(Files.notExists(target));
    }

    @Test
    void theFileGetsTheSamePermissionsAsAnyNewFile() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        Path target = dir.resolve("model.spnn");

        ModelFile.write(target, ModelFileFixtures.minimal());

        // A temp file made by Files.createTempFile would be owner-only (rw-------).
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }

    @Test
    void aMissingDirectoryIsReportedAsSuch() {
        Path target = dir.resolve("no/such/dir/model.spnn");

        NoSuchFileException e =
                assertThrows(NoSuchFileException.class, () -> ModelFile.write(target, ModelFileFixtures.minimal()));

        assertTrue(e.getMessage().contains("its directory does not exist; create it first"), e.getMessage());
    }
}
