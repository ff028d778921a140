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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.spark.BarrierTaskContext;

/**
 * How the tasks of a barrier stage meet and form a TCP ring: each binds a listener on its
 * executor's host and the addresses are exchanged with ONE {@code BarrierTaskContext.allGather}.
 * Spark answers that call on a one-second poll, so {@link #start} makes it on a thread of its own
 * as soon as the task starts, while the task reads its rows; the ring is then formed over
 * authenticated connections.
 */
public final class Rendezvous implements AutoCloseable {
    private final int rank;
    private final ServerSocketChannel listener;
    private final CompletableFuture<List<InetSocketAddress>> peers;
    private boolean handedOver;

    private Rendezvous(int rank, ServerSocketChannel listener, CompletableFuture<List<InetSocketAddress>> peers) {
        this.rank = rank;
        this.listener = listener;
        this.peers = peers;
    }

    /** Joins the ring of this barrier stage as rank {@code partitionId}. */
    public static Collective join(BarrierTaskContext ctx, byte[] secret, Duration timeout, RingEncryption encryption) {
        try (Rendezvous r = start(ctx)) {
            return r.connect(secret, timeout, encryption);
        }
    }

    /**
     * Binds this task's listener and starts exchanging addresses with the other tasks in the
     * background; {@link #connect} waits for the exchange. Close it if {@code connect} is never
     * called.
     */
    static Rendezvous start(BarrierTaskContext ctx) {
        int rank = ctx.partitionId();
        String host = hostOf(ctx.getTaskInfos()[rank].address());
        ServerSocketChannel listener;
        int port;
        try {
            listener = TcpCollective.listen(InetAddress.getByName(host));
            port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Worker " + rank + " could not listen on " + host + ": " + e.getMessage(), e);
        }
        CompletableFuture<List<InetSocketAddress>> peers = new CompletableFuture<>();
        Thread exchange = new Thread(
                () -> {
                    try {
                        peers.complete(parse(ctx.allGather(host + ":" + port)));
                    } catch (Throwable t) {
                        peers.completeExceptionally(t);
                    }
                },
                "sparknn-rendezvous-" + rank);
        exchange.setDaemon(true);
        exchange.start();
        return new Rendezvous(rank, listener, peers);
    }

    /** Forms the ring with the other workers; the listener passes to the collective. */
    Collective connect(byte[] secret, Duration timeout, RingEncryption encryption) {
        List<InetSocketAddress> all;
        try {
            all = peers.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Worker " + rank + " was interrupted while meeting the others", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(
                            "Worker " + rank + " could not exchange addresses with the others: " + cause, cause);
        }
        handedOver = true;
        return TcpCollective.connect(rank, all, listener, secret, timeout, encryption);
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

    private static List<InetSocketAddress> parse(String[] all) {
        List<InetSocketAddress> peers = new ArrayList<>(all.length);
        for (String a : all) {
            int colon = a.lastIndexOf(':');
            peers.add(new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1))));
        }
        return peers;
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}
