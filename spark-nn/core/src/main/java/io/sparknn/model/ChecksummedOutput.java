package io.sparknn.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Little-endian writer that buffers into one heap chunk and keeps a CRC32 of everything it
 * writes. Float arrays go through a {@code FloatBuffer} view of the chunk, a bulk copy rather
 * than one stream call per value, which is what keeps a 10M-weight save fast.
 */
final class ChecksummedOutput {
    private static final int CHUNK_BYTES = 1 << 16;

    private final OutputStream out;
    private final CRC32 crc = new CRC32();
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    ChecksummedOutput(OutputStream out) {
        this.out = out;
    }

    void writeU32(long value) throws IOException {
        ensureRoom(Integer.BYTES);
        chunk.putInt((int) value);
    }

    void writeU64(long value) throws IOException {
        ensureRoom(Long.BYTES);
        chunk.putLong(value);
    }

    void writeBytes(byte[] bytes) throws IOException {
        int off = 0;
        while (off < bytes.length) {
            ensureRoom(1);
            int n = Math.min(chunk.remaining(), bytes.length - off);
            chunk.put(bytes, off, n);
            off += n;
        }
    }

    void writeFloats(float[] values) throws IOException {
        int off = 0;
        while (off < values.length) {
            ensureRoom(Float.BYTES);
            int n = Math.min(chunk.remaining() / Float.BYTES, values.length - off);
            chunk.asFloatBuffer().put(values, off, n);
            chunk.position(chunk.position() + n * Float.BYTES);
            off += n;
        }
    }

    /** Writes the CRC32 of every byte so far (not itself part of the checksum) and flushes. */
    void finishWithChecksum() throws IOException {
        drain();
        int value = (int) crc.getValue();
        chunk.putInt(value);
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
        out.flush();
    }

    private void ensureRoom(int bytes) throws IOException {
        if (chunk.remaining() < bytes) {
            drain();
        }
    }

    private void drain() throws IOException {
        crc.update(chunk.array(), 0, chunk.position());
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
    }
}
