package io.sparknn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of (Fashion-)MNIST, gzip-compressed or plain: a big-endian header
 * {@code 0x00 0x00 type rank}, {@code rank} u32 dimensions, then unsigned bytes.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;

    /** The dimensions and the raw unsigned bytes of an IDX file. */
    public record Idx(int[] dims, byte[] data) {}

    private IdxReader() {}

    public static Idx read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
            return read(in, file.toString());
        }
    }

    static Idx read(InputStream in, String source) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            int magic = d.readInt();
            int type = (magic >>> 8) & 0xff;
            int rank = magic & 0xff;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1 || rank > 4) {
                throw new IOException(source + " is not an unsigned-byte IDX file (magic 0x"
                        + Integer.toHexString(magic) + "; expected 0x0000080N with rank N in 1..4)");
            }
            int[] dims = new int[rank];
            long n = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = d.readInt();
                if (dims[i] < 0) {
                    throw new IOException(source + ": dimension " + i + " is negative (" + dims[i] + ")");
                }
                n *= dims[i];
            }
            if (n > Integer.MAX_VALUE - 8) {
                throw new IOException(source + ": " + n + " values do not fit in one array");
            }
            byte[] data = new byte[(int) n];
            d.readFully(data);
            return new Idx(dims, data);
        } catch (EOFException e) {
            throw new IOException(source + " is truncated: it ends before the header's dimensions are filled", e);
        }
    }
}
