package io.sparknn.distributed.spark;

import io.sparknn.distributed.WorkerResult;
import io.sparknn.train.TrainingDivergedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * What worker 0 sends back from the training stage, with its one codec: the trained network
 * ({@link WorkerResult}) with the merged {@link InputAudit} of the rows, a divergence, or the
 * audit of input that nobody trained on. Divergence and rejected input are returned rather than
 * thrown because they are certain to repeat: Spark would retry a failed barrier stage several
 * times before reporting it.
 */
sealed interface WorkerOutcome {
    byte TRAINED = 'T';
    byte DIVERGED = 'D';
    byte REJECTED = 'R';

    /** The trained network and its history, in {@link WorkerResultCodec}'s layout on the wire. */
    record Trained(WorkerResult result, InputAudit audit) implements WorkerOutcome {}

    /** The rows failed the checks (see {@link InputAudit#acceptable}); nothing was trained. */
    record Rejected(InputAudit audit) implements WorkerOutcome {}

    /** Training stopped on a non-finite loss or weights. */
    record Diverged(String message, int epoch, long globalStep) implements WorkerOutcome {
        TrainingDivergedException toException() {
            return new TrainingDivergedException(message, epoch, globalStep);
        }
    }

    static byte[] encode(WorkerOutcome outcome) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (outcome instanceof Trained t) {
                out.writeByte(TRAINED);
                byte[] audit = t.audit().encode();
                out.writeInt(audit.length);
                out.write(audit);
                out.write(WorkerResultCodec.encode(t.result()));
            } else if (outcome instanceof Rejected r) {
                out.writeByte(REJECTED);
                out.write(r.audit().encode());
            } else if (outcome instanceof Diverged d) {
                out.writeByte(DIVERGED);
                out.writeInt(d.epoch());
                out.writeLong(d.globalStep());
                out.writeUTF(d.message().length() > 16_000 ? d.message().substring(0, 16_000) : d.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static WorkerOutcome decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalStateException("Worker 0 returned an empty result");
        }
        switch (bytes[0]) {
            case TRAINED:
                int auditBytes = java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
                InputAudit audit = InputAudit.decode(Arrays.copyOfRange(bytes, 5, 5 + auditBytes));
                return new Trained(
                        WorkerResultCodec.decode(Arrays.copyOfRange(bytes, 5 + auditBytes, bytes.length)), audit);
            case REJECTED:
                return new Rejected(InputAudit.decode(Arrays.copyOfRange(bytes, 1, bytes.length)));
            case DIVERGED:
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
                    int epoch = in.readInt();
                    long step = in.readLong();
                    return new Diverged(in.readUTF(), epoch, step);
                } catch (IOException e) {
                    throw new IllegalStateException("Worker 0 returned a malformed divergence report", e);
                }
            default:
                throw new IllegalStateException("Worker 0 returned a result of unknown kind " + bytes[0]);
        }
    }
}
