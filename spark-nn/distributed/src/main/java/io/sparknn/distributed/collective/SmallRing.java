package io.sparknn.distributed.collective;

import java.nio.ByteBuffer;

/**
 * The double all-reduce for metrics and the barrier: a ring all-gather of every rank's few
 * values (n-1 steps, each rank forwarding what it received), after which every rank adds the n
 * contributions in rank order 0..n-1, so all ranks get the same bits. With no values it is a
 * barrier: a rank finishes only after a message that passed through every other rank.
 */
final class SmallRing {
    private final RingLinks links;

    SmallRing(RingLinks links) {
        this.links = links;
    }

    /** Gathers every rank's {@code values}, then stores their sum in rank order into it. */
    void allReduceSum(Operation op, int seq, double[] values) {
        int n = links.size;
        int r = links.rank;
        int k = values.length;
        double[][] all = new double[n][];
        all[r] = values.clone();
        links.begin(op.describe(seq, k));
        ByteBuffer sendBuf = links.sendBuf;
        int sent = 0;
        int received = 0;
        while (true) {
            boolean progress = false;
            if (!sendBuf.hasRemaining() && sent < n - 1 && sent <= received) {
                int origin = Math.floorMod(r - sent, n);
                sendBuf.clear();
                links.putHeader(op, seq, k, origin);
                for (double v : all[origin]) {
                    sendBuf.putDouble(v);
                }
                sendBuf.flip();
                sent++;
                progress = true;
            }
            progress |= links.flush();
            if (received < n - 1) {
                progress |= links.fill();
                int before = received;
                received = consume(op, seq, k, all, received);
                progress |= received > before;
            }
            if (received == n - 1 && sent == n - 1 && !links.sendPending()) {
                break;
            }
            if (!progress) {
                links.await(links.sendPending(), received < n - 1);
            }
        }
        for (int i = 0; i < k; i++) {
            double sum = 0.0;
            for (int q = 0; q < n; q++) {
                sum += all[q][i];
            }
            values[i] = sum;
        }
    }

    /** Takes every complete message out of the receive buffer; returns the steps received. */
    private int consume(Operation op, int seq, int k, double[][] all, int received) {
        ByteBuffer buf = links.recvBuf;
        buf.flip();
        int n = links.size;
        while (received < n - 1 && buf.remaining() >= RingLinks.HEADER_BYTES + k * Double.BYTES) {
            int origin = Math.floorMod(links.rank - received - 1, n);
            links.checkHeader(buf, op, seq, k, origin);
            double[] v = new double[k];
            for (int i = 0; i < k; i++) {
                v[i] = buf.getDouble();
            }
            all[origin] = v;
            received++;
        }
        buf.compact();
        return received;
    }
}
