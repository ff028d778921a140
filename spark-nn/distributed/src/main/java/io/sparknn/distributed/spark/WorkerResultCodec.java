package io.sparknn.distributed.spark;

import io.sparknn.distributed.WorkerResult;
import io.sparknn.train.EpochStats;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The one binary layout of a {@link WorkerResult} as worker 0 sends it to the driver: a magic
 * number, a format version, then the weights, network state, counters and per-epoch history as
 * fixed-width big-endian fields. Doubles travel as their bits, so the driver sees exactly the worker's
 * figures (NaN included). The driver and the executors may run different builds after a
 * careless upgrade; the version makes that a clear error instead of garbage.
 */
final class WorkerResultCodec {
    static final int MAGIC = 0x534E5752; // "SNWR"
    static final int VERSION = 2;
    /** Version 1: epoch, four figures, samples, seconds. */
    private static final int EPOCH_BYTES_V1 = 4 + 4 * 8 + 8 + 8;
    /** Version 2 adds compute seconds, communication seconds and the learning rate. */
    private static final int EPOCH_BYTES = EPOCH_BYTES_V1 + 3 * 8;

    private WorkerResultCodec() {}

    static byte[] encode(WorkerResult r) {
        long size = 4
                + 4
                + 4
                + 4L * r.weights().length
                + 4
                + 4L * r.state().length
                + 8
                + 4
                + 8
                + 4
                + (long) EPOCH_BYTES * r.history().size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("The trained network (" + r.weights().length + " parameters) is too large "
                    + "to return from worker 0 in one array of at most 2 GiB");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.putInt(MAGIC).putInt(VERSION);
        putFloats(out, r.weights());
        putFloats(out, r.state());
        out.putLong(r.globalSteps()).putInt(r.resumedFromEpoch()).putLong(r.resumedFromStep());
        out.putInt(r.history().size());
        for (EpochStats e : r.history()) {
            out.putInt(e.epoch())
                    .putDouble(e.loss())
                    .putDouble(e.accuracy())
                    .putDouble(e.validationLoss())
                    .putDouble(e.validationAccuracy())
                    .putLong(e.samples())
                    .putDouble(e.seconds())
                    .putDouble(e.computeSeconds())
                    .putDouble(e.communicationSeconds())
                    .putDouble(e.learningRate());
        }
        return out.array();
    }

    /** @throws IllegalStateException naming the problem when the bytes are not a complete result */
    static WorkerResult decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int magic = in.getInt();
            if (magic != MAGIC) {
                throw malformed(bytes, String.format("it starts with 0x%08X instead of 0x%08X", magic, MAGIC), null);
            }
            int version = in.getInt();
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("The result of worker 0 has unsupported format version " + version
                        + " (this build reads up to " + VERSION + "). The executors run another spark-nn build than "
                        + "the driver; put the same spark-nn jar on both.");
            }
            float[] weights = getFloats(in, bytes);
            float[] state = getFloats(in, bytes);
            long globalSteps = in.getLong();
            int resumedFromEpoch = in.getInt();
            long resumedFromStep = in.getLong();
            int epochs = in.getInt();
            int epochBytes = version == 1 ? EPOCH_BYTES_V1 : EPOCH_BYTES;
            if (epochs < 0 || (long) epochs * epochBytes > in.remaining()) {
                throw malformed(
                        bytes, "it claims " + epochs + " epochs of history in " + in.remaining() + " bytes", null);
            }
            List<EpochStats> history = new ArrayList<>(epochs);
            for (int i = 0; i < epochs; i++) {
                EpochStats e = new EpochStats(
                        in.getInt(),
                        in.getDouble(),
                        in.getDouble(),
                        in.getDouble(),
                        in.getDouble(),
                        in.getLong(),
                        in.getDouble());
                if (version >= 2) {
                    e = e.withTiming(in.getDouble(), in.getDouble(), in.getDouble());
                }
                history.add(e);
            }
            if (in.hasRemaining()) {
                throw malformed(bytes, in.remaining() + " bytes follow the end of the result", null);
            }
            return new WorkerResult(
                    weights, state, List.copyOf(history), globalSteps, resumedFromEpoch, resumedFromStep);
        } catch (BufferUnderflowException e) {
            throw malformed(bytes, "it ends before the last field", e);
        }
    }

    private static void putFloats(ByteBuffer out, float[] values) {
        out.putInt(values.length);
        out.asFloatBuffer().put(values);
        out.position(out.position() + Float.BYTES * values.length);
    }

    private static float[] getFloats(ByteBuffer in, byte[] bytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * Float.BYTES > in.remaining()) {
            throw malformed(
                    bytes,
                    "an array of " + n + " floats does not fit in the " + in.remaining() + " bytes that follow",
                    null);
        }
        float[] values = new float[n];
        in.asFloatBuffer().get(values);
        in.position(in.position() + Float.BYTES * n);
        return values;
    }

    private static IllegalStateException malformed(byte[] bytes, String why, Exception cause) {
        return new IllegalStateException(
                "The result of worker 0 (" + bytes.length + " bytes) is truncated or malformed: "
                        + why + ". The executors may run another spark-nn build than the driver, or the result was cut "
                        + "in transit; put the same spark-nn jar on both and retry.",
                cause);
    }
}
