package io.sparknn.distributed.spark;

import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.TcpCollective;
import org.apache.spark.BarrierTaskContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the tasks of a barrier stage form a TCP ring: each binds a listener on its executor's host,
 * the addresses are exchanged with ONE {@code BarrierTaskContext.allGather} (each call costs
 * about a second in Spark), and the ring is formed over authenticated connections.
 */
public final class Rendezvous {
    private Rendezvous() {
    }

    /** Joins the ring of this barrier stage as rank {@code partitionId}. */
    public static Collective join(BarrierTaskContext ctx, byte[] secret, Duration timeout) {
        int rank = ctx.partitionId();
        String host = hostOf(ctx.getTaskInfos()[rank].address());
        try {
            ServerSocketChannel listener = ServerSocketChannel.open();
            try {
                listener.bind(new InetSocketAddress(host, 0));
            } catch (IOException e) {
                listener.close();
                throw e;
            }
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            String[] all = ctx.allGather(host + ":" + port);
            List<InetSocketAddress> peers = new ArrayList<>(all.length);
            for (String a : all) {
                int colon = a.lastIndexOf(':');
                peers.add(new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1))));
            }
            return TcpCollective.connect(rank, peers, listener, secret, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("Worker " + rank + " could not listen on " + host + ": " + e.getMessage(), e);
        }
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}
