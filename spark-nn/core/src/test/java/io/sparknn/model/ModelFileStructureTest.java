package io.sparknn.model;

import static io.sparknn.model.ModelFileFixtures.SPEC;
import static io.sparknn.model.ModelFileTruncationAndChecksumTest.assertMessage;
import static io.sparknn.model.ModelFileTruncationAndChecksumTest.rejected;
import static io.sparknn.model.RawModelFile.floats;
import static io.sparknn.model.RawModelFile.payload;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files with a valid checksum but an impossible structure: bad lengths and counts, sections
 * missing, repeated, out of order or unknown. The writer never produces these; a bug or a
 * hand-made file could.
 */
class ModelFileStructureTest {
    private static final int W = 24 + SPEC.length();

    @TempDir
    Path dir;

    private static RawModelFile specAndWeights() {
        return new RawModelFile(1).spec(SPEC).weights(1, 2, 3, 4);
    }

    @Test
    void sectionLengthsThatCannotBeAreRefused() {
        byte[] hugeSpec =
                new RawModelFile(1).section("SPEC", 1L << 40, new byte[0]).withChecksum();
        byte[] negative =
                new RawModelFile(1).spec(SPEC).section("WGHT", -1L, new byte[0]).withChecksum();
        byte[] oddWeights =
                new RawModelFile(1).spec(SPEC).section("WGHT", new byte[6]).withChecksum();
        byte[] tooManyFloats = new RawModelFile(1)
                .spec(SPEC)
                .section("WGHT", 4L << 31, new byte[0])
                .withChecksum();
        byte[] fatEnd = specAndWeights().section("END!", new byte[4]).withChecksum();

        assertMessage(
                rejected(hugeSpec),
                "section SPEC at offset 12 declares an impossible length "
                        + "of 1099511627776 bytes (the spec JSON is limited to 67108864 bytes)",
                "corrupted");
        assertMessage(
                rejected(negative),
                "section WEIGHTS at offset " + W + " declares an impossible "
                        + "length of 18446744073709551615 bytes (more than 2^63 - 1)");
        assertMessage(rejected(oddWeights), "impossible length of 6 bytes (not a multiple of 4");
        assertMessage(
                rejected(tooManyFloats),
                "impossible length of 8589934592 bytes (more than " + "the 2147483639 floats a Java array holds)");
        assertMessage(rejected(fatEnd), "impossible length of 4 bytes (END is always empty)");
    }

    @Test
    void aHugeWeightLengthInAShortStreamIsTruncationNotOutOfMemory() {
        long declared = 8_000_000_000L; // 2e9 floats: 8 GB if allocated up front
        byte[] bytes = new RawModelFile(1)
                .spec(SPEC)
                .section("WGHT", declared, floats(1, 2, 3, 4))
                .withChecksum();

        assertMessage(
                rejected(bytes),
                "the file is truncated: reading the weights needs " + declared + " bytes at offset " + (W + 12)
                        + " but only 20 are available");
    }

    @Test
    void aHugeWeightLengthInAFileIsCheckedAgainstItsSize() throws Exception {
        Path file = dir.resolve("model.spnn");
        Files.write(
                file,
                new RawModelFile(1)
                        .spec(SPEC)
                        .section("WGHT", 8_000_000_000L, floats(1, 2, 3, 4))
                        .withChecksum());

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));

        assertMessage(
                e,
                "reading section WEIGHTS needs 8000000000 bytes at offset " + (W + 12) + " but only 20 are available");
    }

    @Test
    void slotsThatDoNotMatchTheWeightsAreRefused() {
        byte[] bytes = specAndWeights()
                .section("OPTM", payload("{}", 1L, 1, 5, floats(1, 2, 3, 4, 5)))
                .end()
                .withChecksum();

        assertMessage(
                rejected(bytes),
                "the optimizer slots at offset " + (W + 28 + 12 + 6 + 8 + 4)
                        + " hold 5 values each but the file has 4 weights; they must match");
    }

    @Test
    void impossibleCountsInsideSectionsAreRefused() {
        byte[] manySlots = specAndWeights()
                .section("OPTM", payload("{}", 1L, 1000, 4))
                .end()
                .withChecksum();
        byte[] hugeJson =
                specAndWeights().section("OPTM", payload(0xFFFFFFF0)).end().withChecksum();
        byte[] negativeEpoch = specAndWeights()
                .section("TRST", payload(-1L, 0L, 0L, 0L, 0))
                .end()
                .withChecksum();
        byte[] manyEntries = specAndWeights()
                .section("TRST", payload(0L, 0L, 0L, 0L, 100, "k", "v"))
                .end()
                .withChecksum();

        assertMessage(
                rejected(manySlots),
                "the optimizer slot count",
                "is 1000, which is impossible " + "(at most 64 slots are written)");
        assertMessage(
                rejected(hugeJson),
                "the length of the optimizer JSON at offset " + (W + 40)
                        + " is 4294967280, which is impossible (text is limited to 67108864 bytes)");
        assertMessage(
                rejected(negativeEpoch),
                "the epoch at offset " + (W + 40) + " is -1, which is impossible (it must be >= 0)");
        assertMessage(
                rejected(manyEntries),
                "the training state entry count",
                "is 100, which is " + "impossible (the rest of the section has room for at most 1 entries)");
    }

    @Test
    void sectionLengthsMustMatchTheirContent() {
        byte[] opt = payload("{}", 1L, 1, 4, floats(1, 2, 3, 4));
        byte[] tooShort = specAndWeights().section("OPTM", 24, opt).end().withChecksum();
        byte[] tooLong = specAndWeights()
                .section("OPTM", payload(opt, new byte[3]))
                .end()
                .withChecksum();
        int contentEnd = W + 40 + opt.length;

        assertMessage(
                rejected(tooShort),
                "section OPTIMIZER is inconsistent: reading optimizer slot 0 "
                        + "needs 16 bytes at offset " + (W + 40 + 22) + " but the section ends at offset "
                        + (W + 64));
        assertMessage(
                rejected(tooLong),
                "section OPTIMIZER is inconsistent: its length says it ends " + "at offset " + (contentEnd + 3)
                        + " but its content ends at offset " + contentEnd);
    }

    @Test
    void requiredSectionsMustBePresent() {
        byte[] noWeights = new RawModelFile(1).spec(SPEC).end().withChecksum();
        byte[] noSpec = new RawModelFile(1).weights(1).end().withChecksum();

        assertMessage(
                rejected(noWeights),
                "required section WEIGHTS is missing (found END at offset " + W + " where WEIGHTS should be)");
        assertMessage(rejected(noSpec), "required section SPEC is missing (found WEIGHTS at offset 12");
    }

    @Test
    void unknownTagsAreRefusedInVersion1() {
        byte[] bytes = specAndWeights().section("XTRA", new byte[2]).end().withChecksum();

        assertMessage(
                rejected(bytes),
                "unknown section tag 0x41525458 (bytes 58 54 52 41) at offset " + (W + 28),
                "Version 1 files are read strictly",
                "SPEC (\"SPEC\"), WEIGHTS (\"WGHT\"), " + "[OPTIMIZER (\"OPTM\")]");
    }

    @Test
    void sectionsMustNotRepeatOrComeOutOfOrder() {
        byte[] repeated = specAndWeights().weights(1, 2, 3, 4).end().withChecksum();
        byte[] swapped = specAndWeights()
                .section("TRST", payload(0L, 0L, 0L, 0L, 0))
                .section("OPTM", payload("{}", 0L, 0, 4))
                .end()
                .withChecksum();

        assertMessage(rejected(repeated), "section WEIGHTS at offset " + (W + 28) + " is repeated or out of order");
        assertMessage(
                rejected(swapped),
                "section OPTIMIZER at offset " + (W + 28 + 12 + 36) + " is repeated or out of order");
    }

    @Test
    void namesMustBeSortedAndUnique() {
        byte[] unsorted = specAndWeights()
                .section("BUFS", payload(2, "b", 1, floats(1), "a", 1, floats(2)))
                .end()
                .withChecksum();
        byte[] duplicate = specAndWeights()
                .section("TRST", payload(0L, 0L, 0L, 0L, 2, "k", "1", "k", "2"))
                .end()
                .withChecksum();

        assertMessage(
                rejected(unsorted), "buffer name 'a' at offset " + (W + 40 + 4 + 13) + " does not sort after 'b'");
        assertMessage(rejected(duplicate), "training state key 'k'", "does not sort after 'k'");
    }
}
