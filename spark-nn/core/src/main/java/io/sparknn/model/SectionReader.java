package io.sparknn.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses the payloads of format version 1 sections (layouts documented on {@link ModelFile}).
 * Every count and length read from the file is checked before it is used to allocate anything.
 */
final class SectionReader {
    private final ChecksummedInput in;

    SectionReader(ChecksummedInput in) {
        this.in = in;
    }

    String spec(long length) throws IOException {
        return new String(in.readBytes((int) length, "the spec JSON"), StandardCharsets.UTF_8);
    }

    float[] weights(long length) throws IOException {
        return in.readFloats((int) (length / Float.BYTES), "the weights");
    }

    SavedOptimizerState optimizer(int weightCount) throws IOException {
        String json = text("the optimizer JSON");
        long step = nonNegative(in.readU64("the optimizer step"), "the optimizer step");
        long countOffset = in.position();
        long slotCount = Integer.toUnsignedLong(in.readU32("the optimizer slot count"));
        if (slotCount > ModelFile.MAX_SLOTS) {
            throw ModelFileErrors.impossibleCount(
                    in.source(),
                    "the optimizer slot count",
                    countOffset,
                    slotCount,
                    "at most " + ModelFile.MAX_SLOTS + " slots are written");
        }
        long lengthOffset = in.position();
        long slotLength = Integer.toUnsignedLong(in.readU32("the optimizer slot length"));
        if (slotLength != weightCount) {
            throw ModelFileErrors.slotLengthMismatch(in.source(), lengthOffset, slotLength, weightCount);
        }
        float[][] slots = new float[(int) slotCount][];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = in.readFloats(weightCount, "optimizer slot " + k);
        }
        return SavedOptimizerState.adopt(json, step, slots);
    }

    TrainingState trainingState() throws IOException {
        TrainingState.Builder b = TrainingState.builder()
                .epoch(nonNegative(in.readU64("the epoch"), "the epoch"))
                .stepInEpoch(nonNegative(in.readU64("the step in epoch"), "the step in epoch"))
                .globalStep(nonNegative(in.readU64("the global step"), "the global step"))
                .seed(in.readU64("the seed"));
        long count = entryCount("training state entry count");
        String previous = null;
        for (long i = 0; i < count; i++) {
            long offset = in.position();
            String key = text("training state key " + i);
            requireAfter("training state key", offset, key, previous);
            b.extra(key, text("the value of training state entry '" + key + "'"));
            previous = key;
        }
        return b.build();
    }

    void buffers(ModelFileContents.Builder b) throws IOException {
        long count = entryCount("buffer count");
        String previous = null;
        for (long i = 0; i < count; i++) {
            long offset = in.position();
            String name = text("buffer name " + i);
            requireAfter("buffer name", offset, name, previous);
            long lengthOffset = in.position();
            long length = Integer.toUnsignedLong(in.readU32("the length of buffer '" + name + "'"));
            if (length > ModelFile.MAX_ARRAY_LENGTH) {
                throw ModelFileErrors.impossibleCount(
                        in.source(),
                        "the length of buffer '" + name + "'",
                        lengthOffset,
                        length,
                        "a Java array holds at most " + ModelFile.MAX_ARRAY_LENGTH + " floats");
            }
            b.buffer(name, in.readFloats((int) length, "buffer '" + name + "'"));
            previous = name;
        }
    }

    /** Reads a u32 count of entries of at least 8 bytes each, checked against the section. */
    private long entryCount(String what) throws IOException {
        long offset = in.position();
        long count = Integer.toUnsignedLong(in.readU32("the " + what));
        if (count * 2 * Integer.BYTES > in.sectionRemaining()) {
            throw ModelFileErrors.impossibleCount(
                    in.source(),
                    "the " + what,
                    offset,
                    count,
                    "the rest of the section has room for at most " + in.sectionRemaining() / (2 * Integer.BYTES)
                            + " entries");
        }
        return count;
    }

    /** Reads a u32 byte length and that many bytes of UTF-8. */
    private String text(String what) throws IOException {
        long offset = in.position();
        long length = Integer.toUnsignedLong(in.readU32("the length of " + what));
        if (length > ModelFile.MAX_TEXT_BYTES) {
            throw ModelFileErrors.impossibleCount(
                    in.source(),
                    "the length of " + what,
                    offset,
                    length,
                    "text is limited to " + ModelFile.MAX_TEXT_BYTES + " bytes");
        }
        return new String(in.readBytes((int) length, what), StandardCharsets.UTF_8);
    }

    private long nonNegative(long value, String what) throws ModelFormatException {
        if (value < 0) {
            throw ModelFileErrors.impossibleCount(
                    in.source(), what, in.position() - Long.BYTES, value, "it must be >= 0");
        }
        return value;
    }

    private void requireAfter(String what, long offset, String name, String previous) throws ModelFormatException {
        if (previous != null && previous.compareTo(name) >= 0) {
            throw ModelFileErrors.notSorted(in.source(), what, offset, name, previous);
        }
        if (name.isEmpty()) {
            throw ModelFileErrors.impossibleCount(
                    in.source(), "the length of " + what, offset, 0, "names are never empty");
        }
    }
}
