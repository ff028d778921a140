package io.sparknn.model;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The spark-nn model file: the {@code data/} part of a saved model and the training
 * checkpoints. This class owns the binary layout; {@link ModelFileContents} is what it holds.
 *
 * <h2>Layout, format version 1</h2>
 * Little-endian throughout; u32/u64 are unsigned, i64 is two's complement, float32 is IEEE 754
 * stored bit for bit (NaN payloads, -0.0 and subnormals survive).
 * <pre>
 * offset  size  field
 * 0       8     magic "SPARKNN" + 0x00  (53 50 41 52 4B 4E 4E 00)
 * 8       4     format version, u32 = 1
 * 12      ...   sections, each: tag u32 | payload length u64 | payload
 * n-4     4     CRC32 (u32) of bytes [0, n-4), i.e. of everything before it
 *
 * section         tag (ASCII, as u32)    presence   payload
 * SPEC            "SPEC" 0x43455053      required   UTF-8 JSON text (the whole payload)
 * WEIGHTS         "WGHT" 0x54484757      required   float32[length / 4]
 * OPTIMIZER       "OPTM" 0x4D54504F      optional   u32 jsonLength | UTF-8 json | u64 step |
 *                                                   u32 slotCount | u32 slotLength (= weight
 *                                                   count, even with 0 slots) |
 *                                                   float32[slotCount * slotLength], slot after
 *                                                   slot
 * TRAINING_STATE  "TRST" 0x54535254      optional   u64 epoch | u64 stepInEpoch | u64 globalStep
 *                                                   | i64 seed | u32 entryCount | entryCount x
 *                                                   (u32 keyLength | UTF-8 key | u32 valueLength
 *                                                   | UTF-8 value), keys sorted, unique
 * BUFFERS         "BUFS" 0x53465542      optional   u32 count | count x (u32 nameLength | UTF-8
 *                                                   name | u32 floatCount | float32[floatCount]),
 *                                                   names sorted, unique
 * END             "END!" 0x21444E45      required   empty (length 0)
 * </pre>
 *
 * <h2>Reading rules</h2>
 * Version 1 is read strictly: sections appear at most once and in the order of the table, an
 * unknown tag is an error, nothing may follow the checksum, and every payload must be used up
 * exactly. Because each section carries its length, a later format version may let readers
 * skip optional sections they do not know; version 1 readers do not. Lengths and counts are
 * checked against {@link #MAX_TEXT_BYTES}, {@link #MAX_ARRAY_LENGTH}, {@link #MAX_SLOTS} and,
 * when reading a {@link Path}, against the file size before anything is allocated.
 * Every violation is a {@link ModelFormatException} naming the source, offset and values.
 * Whether the weight count matches the spec is for the caller that parses the spec to check.
 */
public final class ModelFile {
    /** The format version this build writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** Largest UTF-8 encoding of any text field (spec, optimizer JSON, entry, buffer name). */
    public static final int MAX_TEXT_BYTES = 64 << 20;

    /** Largest float array (weights, slot, buffer): the largest array a JVM allocates. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /** Most optimizer slots a file holds (Adam needs 2). */
    public static final int MAX_SLOTS = 64;

    private static final byte[] MAGIC = "SPARKNN\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SECTION_HEADER_BYTES = Integer.BYTES + Long.BYTES;

    private ModelFile() {}

    /**
     * Writes a complete model file to {@code out}, then flushes it; does not close it.
     *
     * @throws IOException if the stream fails
     */
    public static void write(OutputStream out, ModelFileContents contents) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(contents, "contents");
        ChecksummedOutput data = new ChecksummedOutput(out);
        data.writeBytes(MAGIC);
        data.writeU32(FORMAT_VERSION);
        SectionWriter sections = new SectionWriter(data);
        sections.spec(contents.specJson());
        sections.weights(contents.weightsNoCopy());
        if (contents.optimizerState().isPresent()) {
            sections.optimizer(contents.optimizerState().get(), contents.weightCount());
        }
        if (contents.trainingState().isPresent()) {
            sections.trainingState(contents.trainingState().get());
        }
        if (!contents.buffersNoCopy().isEmpty()) {
            sections.buffers(contents.buffersNoCopy());
        }
        sections.end();
        data.finishWithChecksum();
    }

    /**
     * Writes a model file to {@code path} atomically: readers see the previous file or the
     * complete new one, never a partial write, and a failed write leaves the previous file as
     * it was. The directory must exist.
     *
     * @throws IOException if the file cannot be written or renamed into place
     */
    public static void write(Path path, ModelFileContents contents) throws IOException {
        Objects.requireNonNull(contents, "contents");
        AtomicFileWriter.write(path, out -> write(out, contents));
    }

    /**
     * Reads a model file from {@code path}, checking section lengths against the file size.
     *
     * @throws ModelFormatException if the file is not a valid model file; the message says why
     * @throws IOException if the file cannot be read
     */
    public static ModelFileContents read(Path path) throws IOException {
        long size = Files.size(path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return read(new ChecksummedInput(in, describe(path.toString()), size));
        }
    }

    /**
     * Reads a model file from a stream that holds exactly one model file; does not close it.
     *
     * @throws ModelFormatException if the bytes are not a valid model file
     * @throws IOException if the stream fails
     */
    public static ModelFileContents read(InputStream in) throws IOException {
        return read(in, null);
    }

    /**
     * Like {@link #read(InputStream)}, naming {@code sourceName} (a path or URI) in errors.
     *
     * @throws ModelFormatException if the bytes are not a valid model file
     * @throws IOException if the stream fails
     */
    public static ModelFileContents read(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        return read(new ChecksummedInput(in, describe(sourceName), -1));
    }

    private static ModelFileContents read(ChecksummedInput in) throws IOException {
        byte[] magic = in.readBytes(MAGIC.length, "the magic number");
        if (!Arrays.equals(magic, MAGIC)) {
            throw ModelFileErrors.notAModelFile(in.source(), magic, MAGIC);
        }
        long version = Integer.toUnsignedLong(in.readU32("the format version"));
        if (version == 1) {
            return readVersion1(in);
        }
        throw ModelFileErrors.unsupportedVersion(in.source(), version);
    }

    private static ModelFileContents readVersion1(ChecksummedInput in) throws IOException {
        SectionReader reader = new SectionReader(in);
        String spec = null;
        float[] weights = null;
        ModelFileContents.Builder contents = null;
        int next = 0;
        while (true) {
            long offset = in.position();
            int tag = in.readU32("a section tag");
            Section section = Section.forTag(tag);
            if (section == null) {
                throw ModelFileErrors.unknownTag(in.source(), tag, offset);
            }
            if (section.ordinal() < next) {
                throw ModelFileErrors.outOfOrder(in.source(), section, offset);
            }
            for (int i = next; i < section.ordinal(); i++) {
                if (Section.values()[i].required()) {
                    throw ModelFileErrors.missingSection(in.source(), Section.values()[i], section, offset);
                }
            }
            long length = in.readU64("the length of section " + section);
            checkLength(in, section, offset, length);
            in.enterSection(section, length);
            switch (section) {
                case SPEC -> spec = reader.spec(length);
                case WEIGHTS -> {
                    weights = reader.weights(length);
                    contents = ModelFileContents.builder(spec, weights);
                }
                case OPTIMIZER -> contents.optimizerState(reader.optimizer(weights.length));
                case TRAINING_STATE -> contents.trainingState(reader.trainingState());
                case BUFFERS -> reader.buffers(contents);
                case END -> {}
            }
            in.leaveSection();
            if (section == Section.END) {
                break;
            }
            next = section.ordinal() + 1;
        }
        int computed = in.checksum();
        int stored = in.readStoredChecksum();
        if (stored != computed) {
            throw ModelFileErrors.checksumMismatch(in.source(), stored, computed);
        }
        in.requireEnd();
        return contents.buildAdopting();
    }

    private static void checkLength(ChecksummedInput in, Section section, long offset, long length)
            throws ModelFormatException {
        String reason = null;
        if (length < 0) {
            reason = "more than 2^63 - 1";
        } else if (section == Section.SPEC && length > MAX_TEXT_BYTES) {
            reason = "the spec JSON is limited to " + MAX_TEXT_BYTES + " bytes";
        } else if (section == Section.WEIGHTS && length % Float.BYTES != 0) {
            reason = "not a multiple of 4, the size of a float32";
        } else if (section == Section.WEIGHTS && length / Float.BYTES > MAX_ARRAY_LENGTH) {
            reason = "more than the " + MAX_ARRAY_LENGTH + " floats a Java array holds";
        } else if (section == Section.END && length != 0) {
            reason = "END is always empty";
        }
        if (reason != null) {
            throw ModelFileErrors.impossibleLength(in.source(), section, offset, Long.toUnsignedString(length), reason);
        }
        long remaining = in.remainingInSource();
        if (remaining >= 0 && length > remaining) {
            throw ModelFileErrors.truncated(
                    in.source(), "section " + section, offset + SECTION_HEADER_BYTES, length, remaining);
        }
    }

    /** @throws IllegalArgumentException if {@code text} is longer than {@link #MAX_TEXT_BYTES} */
    static void requireTextFits(String field, String text) {
        if (text.length() <= MAX_TEXT_BYTES / 3) {
            return; // a UTF-16 char never takes more than 3 UTF-8 bytes
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException(field + " is " + bytes + " bytes of UTF-8; a model "
                    + "file holds at most " + MAX_TEXT_BYTES + " bytes per text field");
        }
    }

    private static String describe(String sourceName) {
        return sourceName == null ? "<unnamed stream>" : "'" + sourceName + "'";
    }
}
