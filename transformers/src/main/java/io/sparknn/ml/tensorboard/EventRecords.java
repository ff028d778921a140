package io.sparknn.ml.tensorboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * TensorBoard's event file format, by hand. A file is a sequence of TFRecords: the data length
 * as a little-endian uint64, the masked CRC32C of those 8 bytes, the data, the masked CRC32C of
 * the data. Each record's data is a protobuf {@code tensorflow.Event}; only the fields written
 * here are encoded: {@code Event{wall_time=1 (double), step=2 (int64), file_version=3 (string) |
 * summary=5}}, {@code Summary{value=1}}, {@code Summary.Value{tag=1, simple_value=2 (float),
 * metadata=9, tensor=8}}, {@code SummaryMetadata{plugin_data=1{plugin_name=1}, data_class=4}} and
 * a scalar string {@code TensorProto{dtype=1, tensor_shape=2, string_val=8}} for text.
 */
public final class EventRecords {
    static final String FILE_VERSION = "brain.Event:2";
    private static final int DT_STRING = 7;
    private static final int DATA_CLASS_TENSOR = 2;
    private static final int MASK_DELTA = 0xa282ead8;

    private final OutputStream out;

    public EventRecords(OutputStream out) {
        this.out = out;
    }

    /** The first record of every file: which version of the format follows. */
    public void fileVersion(double wallTime) throws IOException {
        Proto e = new Proto().fixed64(1, wallTime).bytes(3, FILE_VERSION.getBytes(StandardCharsets.UTF_8));
        record(e.toByteArray());
    }

    /** A scalar ({@code simple_value}) at {@code step}; TensorBoard's Scalars dashboard shows it. */
    public void scalar(double wallTime, long step, String tag, float value) throws IOException {
        Proto v = new Proto().string(1, tag).fixed32(2, value);
        summary(wallTime, step, v);
    }

    /** A text summary (the text plugin's scalar string tensor), e.g. the run's config as Markdown. */
    public void text(double wallTime, long step, String tag, String text) throws IOException {
        Proto plugin = new Proto().string(1, "text");
        Proto metadata = new Proto().message(1, plugin).varint(4, DATA_CLASS_TENSOR);
        Proto tensor = new Proto()
                .varint(1, DT_STRING)
                .message(2, new Proto())
                .bytes(8, text.getBytes(StandardCharsets.UTF_8));
        Proto v = new Proto().string(1, tag).message(9, metadata).message(8, tensor);
        summary(wallTime, step, v);
    }

    private void summary(double wallTime, long step, Proto value) throws IOException {
        Proto summary = new Proto().message(1, value);
        record(new Proto()
                .fixed64(1, wallTime)
                .varint(2, step)
                .message(5, summary)
                .toByteArray());
    }

    private void record(byte[] data) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length);
        header.putInt(maskedCrc(header.array(), 0, 8));
        ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        footer.putInt(maskedCrc(data, 0, data.length));
        out.write(header.array());
        out.write(data);
        out.write(footer.array());
    }

    /** TFRecord's masked CRC32C: rotate right by 15 bits and add a constant. */
    static int maskedCrc(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** A protobuf message being encoded: fields appended in the order written. */
    private static final class Proto {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            key(field, 0);
            raw(value);
            return this;
        }

        Proto fixed64(int field, double value) {
            key(field, 1);
            long bits = Double.doubleToLongBits(value);
            for (int i = 0; i < 8; i++) {
                buf.write((int) (bits >>> (8 * i)));
            }
            return this;
        }

        Proto fixed32(int field, float value) {
            key(field, 5);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                buf.write(bits >>> (8 * i));
            }
            return this;
        }

        Proto string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Proto bytes(int field, byte[] b) {
            key(field, 2);
            raw(b.length);
            buf.write(b, 0, b.length);
            return this;
        }

        Proto message(int field, Proto m) {
            return bytes(field, m.toByteArray());
        }

        byte[] toByteArray() {
            return buf.toByteArray();
        }

        private void key(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                buf.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            buf.write((int) v);
        }
    }
}
