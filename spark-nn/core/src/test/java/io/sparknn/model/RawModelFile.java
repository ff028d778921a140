package io.sparknn.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Assembles model files byte by byte, with a correct checksum, so tests can build files the
 * writer never produces and check that the reader rejects them for the right reason.
 */
final class RawModelFile {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Starts with the magic and the given format version. */
    RawModelFile(int version) {
        bytes.writeBytes("SPARKNN\0".getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(le(4).putInt(version).array());
    }

    static int tag(String fourCc) {
        return ByteBuffer.wrap(fourCc.getBytes(StandardCharsets.US_ASCII))
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
    }

    RawModelFile section(String fourCc, byte[] payload) {
        return section(fourCc, payload.length, payload);
    }

    /** A section whose length field says {@code declaredLength}, whatever the payload. */
    RawModelFile section(String fourCc, long declaredLength, byte[] payload) {
        bytes.writeBytes(le(12).putInt(tag(fourCc)).putLong(declaredLength).array());
        bytes.writeBytes(payload);
        return this;
    }

    RawModelFile spec(String json) {
        return section("SPEC", json.getBytes(StandardCharsets.UTF_8));
    }

    RawModelFile weights(float... values) {
        return section("WGHT", floats(values));
    }

    RawModelFile end() {
        return section("END!", new byte[0]);
    }

    /** The bytes so far followed by their CRC32. */
    byte[] withChecksum() {
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body);
        out.writeBytes(le(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    static byte[] floats(float... values) {
        ByteBuffer b = le(4 * values.length);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** Concatenates little-endian fields: Integer as u32, Long as u64, String as u32 + UTF-8. */
    static byte[] payload(Object... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object f : fields) {
            if (f instanceof Integer i) {
                out.writeBytes(le(4).putInt(i).array());
            } else if (f instanceof Long l) {
                out.writeBytes(le(8).putLong(l).array());
            } else if (f instanceof String s) {
                byte[] text = s.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(le(4).putInt(text.length).array());
                out.writeBytes(text);
            } else if (f instanceof byte[] raw) {
                out.writeBytes(raw);
            } else {
                throw new IllegalArgumentException("unsupported field " + f);
            }
        }
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
