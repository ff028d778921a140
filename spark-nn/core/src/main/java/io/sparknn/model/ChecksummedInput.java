package io.sparknn.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Little-endian reader that keeps a CRC32 of what it reads, its offset, and the bounds of the
 * current section, so every read can say precisely what was truncated or inconsistent.
 *
 * <p>Arrays are never allocated from an untrusted length alone: when the file size is known
 * every section length has already been checked against it; when reading a plain stream, float
 * arrays grow as data actually arrives, so a corrupted length ends in a truncation error
 * instead of an {@code OutOfMemoryError}.
 */
final class ChecksummedInput {
    private static final int CHUNK_BYTES = 1 << 16;
    private static final int GROWTH_START_FLOATS = 1 << 20;

    private final InputStream in;
    private final String source;
    private final long size;
    private final CRC32 crc = new CRC32();
    private final byte[] scratch = new byte[Long.BYTES];
    private byte[] chunk;
    private long position;
    private Section section;
    private long sectionEnd = Long.MAX_VALUE;

    /** @param size the number of bytes in the source, or -1 if unknown */
    ChecksummedInput(InputStream in, String source, long size) {
        this.in = in;
        this.source = source;
        this.size = size;
    }

    String source() {
        return source;
    }

    long position() {
        return position;
    }

    /** Bytes left in the source, or -1 if its size is unknown. */
    long remainingInSource() {
        return size < 0 ? -1 : size - position;
    }

    void enterSection(Section s, long length) {
        section = s;
        sectionEnd = position + length;
    }

    void leaveSection() throws ModelFormatException {
        if (position != sectionEnd) {
            throw ModelFileErrors.sectionUnderrun(source, section, sectionEnd, position);
        }
        section = null;
        sectionEnd = Long.MAX_VALUE;
    }

    long sectionRemaining() {
        return sectionEnd - position;
    }

    int readU32(String what) throws IOException {
        readFully(scratch, Integer.BYTES, what);
        return ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    long readU64(String what) throws IOException {
        readFully(scratch, Long.BYTES, what);
        return ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    byte[] readBytes(int n, String what) throws IOException {
        checkSectionBounds(n, what);
        // readNBytes(int) grows its buffer as data arrives, so a bad n cannot exhaust memory.
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw ModelFileErrors.truncated(source, what, position, n, bytes.length);
        }
        consumed(bytes, bytes.length);
        return bytes;
    }

    float[] readFloats(int n, String what) throws IOException {
        long start = position;
        checkSectionBounds(Float.BYTES * (long) n, what);
        float[] dst = new float[size >= 0 ? n : Math.min(n, GROWTH_START_FLOATS)];
        byte[] buf = chunk();
        int filled = 0;
        while (filled < n) {
            if (filled == dst.length) {
                dst = Arrays.copyOf(dst, (int) Math.min(n, 2L * dst.length));
            }
            int count = Math.min(dst.length - filled, buf.length / Float.BYTES);
            int bytes = count * Float.BYTES;
            int got = in.readNBytes(buf, 0, bytes);
            if (got < bytes) {
                throw ModelFileErrors.truncated(source, what, start, Float.BYTES * (long) n, position - start + got);
            }
            consumed(buf, bytes);
            ByteBuffer.wrap(buf, 0, bytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(dst, filled, count);
            filled += count;
        }
        return dst;
    }

    /** The CRC32 of everything read so far. */
    int checksum() {
        return (int) crc.getValue();
    }

    /** Reads the stored checksum, which is not itself covered by the checksum. */
    int readStoredChecksum() throws IOException {
        int got = in.readNBytes(scratch, 0, Integer.BYTES);
        if (got < Integer.BYTES) {
            throw ModelFileErrors.truncated(source, "the CRC32 checksum", position, Integer.BYTES, got);
        }
        position += Integer.BYTES;
        return ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    /** Fails if the source has any byte left. */
    void requireEnd() throws IOException {
        if (in.read() != -1) {
            throw ModelFileErrors.trailingBytes(source, position);
        }
    }

    private void readFully(byte[] dst, int n, String what) throws IOException {
        checkSectionBounds(n, what);
        int got = in.readNBytes(dst, 0, n);
        if (got < n) {
            throw ModelFileErrors.truncated(source, what, position, n, got);
        }
        consumed(dst, n);
    }

    private void checkSectionBounds(long n, String what) throws ModelFormatException {
        if (section != null && n > sectionEnd - position) {
            throw ModelFileErrors.sectionOverrun(source, section, what, position, n, sectionEnd);
        }
    }

    private void consumed(byte[] bytes, int n) {
        crc.update(bytes, 0, n);
        position += n;
    }

    private byte[] chunk() {
        if (chunk == null) {
            chunk = new byte[CHUNK_BYTES];
        }
        return chunk;
    }
}
