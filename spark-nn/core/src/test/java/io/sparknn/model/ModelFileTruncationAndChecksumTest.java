package io.sparknn.model;

import static io.sparknn.model.ModelFileFixtures.SPEC;
import static io.sparknn.model.ModelFileFixtures.bytesOf;
import static io.sparknn.model.ModelFileFixtures.readBytes;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not model files, from the future, cut short or with flipped bits. */
class ModelFileTruncationAndChecksumTest {
    /** Offsets in the minimal file: SPEC text at 24, then WGHT, then END, then the CRC. */
    private static final int W = 24 + SPEC.length();

    private static final int E = W + 12 + 16;

    @TempDir
    Path dir;

    static void assertMessage(Exception e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks \"" + f + "\":\n" + e.getMessage());
        }
    }

    static ModelFormatException rejected(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> readBytes(bytes));
    }

    @Test
    void otherFileTypesAreNotModelFiles() {
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};

        assertMessage(
                rejected(zip),
                "Cannot read model file 'test.spnn'",
                "not a spark-nn model file (magic 50 4B 03 04 14 00 00 00 found; "
                        + "expected 53 50 41 52 4B 4E 4E 00");
    }

    @Test
    void notAModelFileNamesThePath() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is text\n");

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(text));

        assertMessage(e, "'" + text + "'", "not a spark-nn model file", "68 65 6C 6C 6F");
    }

    @Test
    void unnamedStreamsAreCalledSo() {
        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> ModelFile.read(new ByteArrayInputStream(new byte[16])));

        assertMessage(e, "<unnamed stream>", "not a spark-nn model file");
    }

    @Test
    void futureVersionsAreRefused() {
        byte[] v2 = new RawModelFile(2).spec(SPEC).weights(1).end().withChecksum();
        byte[] vMax = new RawModelFile(-1).withChecksum();

        assertMessage(rejected(v2), "unsupported format version 2 (this build reads up to 1)", "newer spark-nn");
        assertMessage(rejected(vMax), "unsupported format version 4294967295 (this build reads up to 1)");
    }

    @Test
    void versionZeroIsRefused() {
        assertMessage(
                rejected(new RawModelFile(0).withChecksum()),
                "unsupported format version 0 (this build reads up to 1)",
                "corrupted");
    }

    @Test
    void truncationIsReportedWhereverTheFileEnds() throws Exception {
        byte[] full = bytesOf(ModelFileFixtures.minimal());
        int l = SPEC.length();

        assertTruncatedAt(full, 0, "reading the magic number needs 8 bytes at offset 0 but only 0");
        assertTruncatedAt(full, 10, "reading the format version needs 4 bytes at offset 8 but only 2");
        assertTruncatedAt(full, 20, "reading the length of section SPEC needs 8 bytes at offset 16 " + "but only 4");
        assertTruncatedAt(full, 29, "reading the spec JSON needs " + l + " bytes at offset 24 but " + "only 5");
        assertTruncatedAt(full, W + 12 + 6, "reading the weights needs 16 bytes at offset " + (W + 12) + " but only 6");
        assertTruncatedAt(full, E, "reading a section tag needs 4 bytes at offset " + E + " but only 0");
        assertTruncatedAt(
                full, E + 12, "reading the CRC32 checksum needs 4 bytes at offset " + (E + 12) + " but only 0");
        assertTruncatedAt(
                full, E + 14, "reading the CRC32 checksum needs 4 bytes at offset " + (E + 12) + " but only 2");
    }

    private static void assertTruncatedAt(byte[] full, int length, String detail) {
        assertMessage(
                rejected(Arrays.copyOf(full, length)), "the file is truncated", detail, "interrupted write or copy");
    }

    @Test
    void truncatedFileOnDiskIsCaughtByItsSize() throws Exception {
        Path file = dir.resolve("model.spnn");
        Files.write(file, Arrays.copyOf(bytesOf(ModelFileFixtures.minimal()), W + 12 + 6));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));

        assertMessage(
                e,
                "'" + file + "'",
                "the file is truncated: reading section WEIGHTS needs 16 " + "bytes at offset " + (W + 12)
                        + " but only 6 are available");
    }

    @Test
    void aFlippedBitIsACheckumMismatch() throws Exception {
        byte[] bytes = bytesOf(ModelFileFixtures.minimal());
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        String stored = String.format("stored 0x%08x, computed 0x", (int) crc.getValue());

        byte[] inWeights = bytes.clone();
        inWeights[W + 12 + 5] ^= 0x10;
        byte[] inSpec = bytes.clone();
        inSpec[30] ^= 0x01;
        byte[] inChecksum = bytes.clone();
        inChecksum[bytes.length - 1] ^= (byte) 0x80;

        assertMessage(rejected(inWeights), "checksum mismatch (" + stored, "the file is corrupted");
        assertMessage(rejected(inSpec), "checksum mismatch (" + stored, "the file is corrupted");
        assertMessage(rejected(inChecksum), "checksum mismatch (stored 0x", "the file is corrupted");
    }

    @Test
    void dataAfterTheChecksumIsRefused() throws Exception {
        byte[] bytes = Arrays.copyOf(bytesOf(ModelFileFixtures.minimal()), E + 16 + 1);

        assertMessage(rejected(bytes), "unexpected data after the checksum at offset " + (E + 16));
    }

    @Test
    void specIsOpaqueText() throws Exception {
        byte[] json = "not json at all".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new RawModelFile(1).section("SPEC", json).weights().end().withChecksum();

        assertTrue(readBytes(bytes).specJson().startsWith("not json"));
    }
}
