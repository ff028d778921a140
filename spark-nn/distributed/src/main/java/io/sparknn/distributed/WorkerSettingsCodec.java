package io.sparknn.distributed;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.TrainingConfig;
import io.sparknn.train.TrainingConfigJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one layout in which {@link WorkerSettings} travel from the driver to the workers: a magic
 * number, a format version, the network and training configuration as their JSON, then the
 * sharding, checkpoint intervals, frozen ranges and early-stopping patience. The initial weights
 * are left out: they can be large and travel once per executor (a Spark broadcast), so
 * {@link #decode} takes them separately.
 */
public final class WorkerSettingsCodec {
    static final int MAGIC = 0x534E5753; // "SNWS"
    static final int VERSION = 1;

    private WorkerSettingsCodec() {}

    /** Everything but the initial weights. */
    public static byte[] encode(WorkerSettings s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeText(out, s.spec().toJson());
            writeText(out, TrainingConfigJson.write(s.training()));
            out.writeUTF(s.sharding().name());
            out.writeInt(s.checkpointEverySteps());
            out.writeInt(s.checkpointEveryEpochs());
            out.writeInt(s.frozenRanges().length);
            for (int v : s.frozenRanges()) {
                out.writeInt(v);
            }
            out.writeInt(s.earlyStoppingPatience());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * @param initialWeights the weights to start from, or null for a fresh initialisation
     * @throws IllegalStateException naming the problem when the bytes are not complete settings
     */
    public static WorkerSettings decode(byte[] bytes, float[] initialWeights) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw malformed(bytes, String.format("they start with 0x%08X instead of 0x%08X", magic, MAGIC), null);
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("The worker settings have unsupported format version " + version
                        + " (this build reads up to " + VERSION + "). The executors run another spark-nn build than "
                        + "the driver; put the same spark-nn jar on both.");
            }
            NetworkSpec spec = NetworkSpec.fromJson(readText(in));
            TrainingConfig training = TrainingConfigJson.read(readText(in));
            WorkerSettings.Sharding sharding = WorkerSettings.Sharding.valueOf(in.readUTF());
            int everySteps = in.readInt();
            int everyEpochs = in.readInt();
            int[] frozen = new int[checkedLength(in.readInt(), Integer.BYTES, in.available())];
            for (int i = 0; i < frozen.length; i++) {
                frozen[i] = in.readInt();
            }
            int patience = in.readInt();
            if (in.available() > 0) {
                throw malformed(bytes, in.available() + " bytes follow the end of the settings", null);
            }
            return new WorkerSettings(
                    spec, training, sharding, everySteps, everyEpochs, initialWeights, frozen, patience);
        } catch (EOFException e) {
            throw malformed(bytes, "they end before the last field", e);
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(bytes, e.getMessage(), e);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[checkedLength(in.readInt(), 1, in.available())];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static int checkedLength(int n, int width, int available) throws IOException {
        if (n < 0 || (long) n * width > available) {
            throw new IOException("a length of " + n + " does not fit in the " + available + " bytes that follow");
        }
        return n;
    }

    private static IllegalStateException malformed(byte[] bytes, String why, Exception cause) {
        return new IllegalStateException(
                "The worker settings (" + bytes.length + " bytes) are truncated or malformed: "
                        + why
                        + ". The executors may run another spark-nn build than the driver; put the same spark-nn jar "
                        + "on both.",
                cause);
    }
}
