package io.sparknn.distributed.spark;

import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.RingEncryption;
import io.sparknn.distributed.collective.TcpCollective;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.BarrierTaskContext;

/**
 * How the tasks of a barrier stage meet and form a TCP ring: each binds a listener on its
 * executor's host, the addresses and the workers' {@link InputAudit}s are exchanged with ONE
 * {@code BarrierTaskContext.allGather} (Spark answers it on a one-second poll, so every extra
 * call costs up to a second), and the ring is formed over authenticated connections.
 */
public final class Rendezvous {
    private Rendezvous() {}

    /**
     * The outcome of the exchange: every worker's address, and the audits of all workers merged in
     * rank order (the same bits on every worker). Owns the listener until {@link #connect} or
     * {@link #close}.
     */
    static final class Meeting implements AutoCloseable {
        private final int rank;
        private final ServerSocketChannel listener;
        private final List<InetSocketAddress> peers;
        private final InputAudit audit;
        private boolean handedOver;

        private Meeting(int rank, ServerSocketChannel listener, List<InetSocketAddress> peers, InputAudit audit) {
            this.rank = rank;
            this.listener = listener;
            this.peers = peers;
            this.audit = audit;
        }

        InputAudit audit() {
            return audit;
        }

        /** Forms the ring with the other workers; the listener passes to the collective. */
        Collective connect(byte[] secret, Duration timeout, RingEncryption encryption) {
            handedOver = true;
            return TcpCollective.connect(rank, peers, listener, secret, timeout, encryption);
        }

        @Override
        public void close() {
            if (!handedOver) {
                try {
                    listener.close();
                } catch (IOException e) {
                    // nothing was sent on it; the port is released with the process at worst
                }
            }
        }
    }

    /** Joins the ring of this barrier stage as rank {@code partitionId}, with no rows to audit. */
    public static Collective join(BarrierTaskContext ctx, byte[] secret, Duration timeout, RingEncryption encryption) {
        try (Meeting m = meet(ctx, new InputAudit(ctx.partitionId(), ctx.getTaskInfos().length))) {
            return m.connect(secret, timeout, encryption);
        }
    }

    /** Meets the other tasks of this barrier stage as rank {@code partitionId}. */
    static Meeting meet(BarrierTaskContext ctx, InputAudit own) {
        int rank = ctx.partitionId();
        String host = hostOf(ctx.getTaskInfos()[rank].address());
        ServerSocketChannel listener;
        try {
            listener = TcpCollective.listen(InetAddress.getByName(host));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Worker " + rank + " could not listen on " + host + ": " + e.getMessage(), e);
        }
        try {
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            String[] all = ctx.allGather(host + ":" + port + " " + own.toText());
            List<InetSocketAddress> peers = new ArrayList<>(all.length);
            InputAudit merged = null;
            for (String entry : all) {
                int space = entry.indexOf(' ');
                String a = entry.substring(0, space);
                int colon = a.lastIndexOf(':');
                peers.add(new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1))));
                InputAudit audit = InputAudit.fromText(entry.substring(space + 1));
                if (merged == null) {
                    merged = audit;
                } else {
                    merged.merge(audit);
                }
            }
            return new Meeting(rank, listener, peers, merged);
        } catch (IOException | RuntimeException e) {
            try {
                listener.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}
