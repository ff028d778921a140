package io.sparknn.distributed.collective;

import java.nio.ByteBuffer;

/**
 * Ring reduce-scatter and all-gather of a float array, streamed: each step's chunk is sent as it
 * becomes ready (summed or copied by the previous step) and received pieces are summed as they
 * arrive, so sending, receiving and adding overlap in one thread without per-call allocation.
 *
 * <p>Schedule for rank r of n (chunks are the {@link Collective} slices, indices modulo n):
 * reduce-scatter step s = 0..n-2 sends chunk r-s-1 and adds the received chunk r-s-2 to the
 * local one; all-gather step t = 0..n-2 sends chunk r-t and stores the received chunk r-t-1. A
 * step's send chunk is always the previous step's receive chunk, so a piece may be forwarded as
 * soon as it has been received. The sum of chunk c is accumulated by ranks c+1, c+2, ..., c in
 * that order, on every rank and in {@link InProcessCollective} alike.
 */
final class RingPipeline {
    private final RingLinks links;
    private final float[] scratch;
    // The plan of the current call: per step, chunk starts/lengths and whether to add.
    private int steps;
    private int[] sendStart = new int[0];
    private int[] sendLen = new int[0];
    private int[] recvStart = new int[0];
    private int[] recvLen = new int[0];
    private boolean[] add = new boolean[0];
    // Progress of the current call.
    private float[] data;
    private int offset;
    private int sendStep;
    private int sendPos;
    private int recvStep;
    private int recvPos;
    private boolean headerSent;
    private boolean headerReceived;

    RingPipeline(RingLinks links) {
        this.links = links;
        this.scratch = new float[RingLinks.BUFFER_BYTES / Float.BYTES];
    }

    void run(Operation op, int seq, float[] data, int offset, int length) {
        run(op, seq, data, offset, length, 0, length);
    }

    /**
     * Runs {@code op} on the elements {@code [from, to)} of the array {@code data[offset,
     * offset+length)}, cut along the slices of the whole array: chunk c is slice c clipped to the
     * window, so every element keeps its owner and its order of summation. The header carries
     * the window's length.
     */
    void run(Operation op, int seq, float[] data, int offset, int length, int from, int to) {
        plan(op, length, from, to);
        length = to - from;
        this.data = data;
        this.offset = offset;
        sendStep = sendPos = recvStep = recvPos = 0;
        headerSent = headerReceived = false;
        links.begin(op.describe(seq, length));
        ByteBuffer sendBuf = links.sendBuf;
        while (true) {
            boolean progress = false;
            if (!sendBuf.hasRemaining() && (!headerSent || sendStep < steps)) {
                progress = produce(op, seq, length);
            }
            progress |= links.flush();
            boolean received = headerReceived && recvStep == steps;
            if (!received) {
                progress |= links.fill();
                progress |= consume(op, seq, length); // also what an earlier fill read ahead
                received = headerReceived && recvStep == steps;
            }
            if (received && headerSent && sendStep == steps && !links.sendPending()) {
                break;
            }
            if (!progress) {
                links.await(links.sendPending(), !received);
            }
        }
        this.data = null;
    }

    private void plan(Operation op, int length, int from, int to) {
        int n = links.size;
        int r = links.rank;
        int scatterSteps = op == Operation.ALL_GATHER ? 0 : n - 1;
        int gatherSteps = op == Operation.REDUCE_SCATTER_SUM ? 0 : n - 1;
        steps = scatterSteps + gatherSteps;
        if (sendStart.length < steps) {
            sendStart = new int[steps];
            sendLen = new int[steps];
            recvStart = new int[steps];
            recvLen = new int[steps];
            add = new boolean[steps];
        }
        for (int s = 0; s < steps; s++) {
            boolean scatter = s < scatterSteps;
            int t = scatter ? s : s - scatterSteps;
            int sendChunk = Math.floorMod(scatter ? r - t - 1 : r - t, n);
            int recvChunk = Math.floorMod(sendChunk - 1, n);
            sendStart[s] = clip(Collective.sliceStart(sendChunk, n, length), from, to);
            sendLen[s] = clip(Collective.sliceEnd(sendChunk, n, length), from, to) - sendStart[s];
            recvStart[s] = clip(Collective.sliceStart(recvChunk, n, length), from, to);
            recvLen[s] = clip(Collective.sliceEnd(recvChunk, n, length), from, to) - recvStart[s];
            add[s] = scatter;
        }
    }

    private static int clip(int i, int from, int to) {
        return Math.max(from, Math.min(to, i));
    }

    /** Refills the empty send buffer with the header and/or every float that is ready. */
    private boolean produce(Operation op, int seq, int length) {
        ByteBuffer buf = links.sendBuf;
        buf.clear();
        if (!headerSent) {
            links.putHeader(op, seq, length, links.rank);
            headerSent = true;
        }
        while (sendStep < steps) {
            int len = sendLen[sendStep];
            if (sendPos == len) {
                sendStep++;
                sendPos = 0;
                continue;
            }
            int ready = sendStep == 0 || recvStep >= sendStep ? len : recvStep == sendStep - 1 ? recvPos : 0;
            int n = Math.min(ready - sendPos, buf.remaining() / Float.BYTES);
            if (n <= 0) {
                break;
            }
            links.sendFloats.put(buf.position() / Float.BYTES, data, offset + sendStart[sendStep] + sendPos, n);
            buf.position(buf.position() + n * Float.BYTES);
            sendPos += n;
            if (sendPos < len) {
                break; // the buffer is full or the rest is not received yet
            }
        }
        buf.flip();
        return buf.hasRemaining();
    }

    /** Adds or stores every complete float received; true if anything was consumed. */
    private boolean consume(Operation op, int seq, int length) {
        ByteBuffer buf = links.recvBuf;
        buf.flip();
        boolean progress = false;
        if (!headerReceived && buf.remaining() >= RingLinks.HEADER_BYTES) {
            links.checkHeader(buf, op, seq, length, links.predecessor());
            headerReceived = true;
            progress = true;
        }
        while (headerReceived && recvStep < steps) {
            int len = recvLen[recvStep];
            if (recvPos == len) {
                recvStep++;
                recvPos = 0;
                continue;
            }
            int n = Math.min(len - recvPos, buf.remaining() / Float.BYTES);
            if (n == 0) {
                break;
            }
            int from = buf.position() / Float.BYTES;
            int to = offset + recvStart[recvStep] + recvPos;
            if (add[recvStep]) {
                links.recvFloats.get(from, scratch, 0, n);
                float[] d = data;
                for (int i = 0; i < n; i++) {
                    d[to + i] += scratch[i];
                }
            } else {
                links.recvFloats.get(from, data, to, n);
            }
            buf.position(buf.position() + n * Float.BYTES);
            recvPos += n;
            progress = true;
        }
        buf.compact();
        return progress;
    }
}
