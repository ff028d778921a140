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
 * How the tasks of a barrier stage form a TCP ring: each binds a listener on its executor's host,
 * the addresses are exchanged with ONE {@code BarrierTaskContext.allGather} (each call costs
 * about a second in Spark), and the ring is formed over authenticated connections.
 */
public final class Rendezvous {
    private Rendezvous() {}

    /** Joins the ring of this barrier stage as rank {@code partitionId}. */
    public static Collective join(BarrierTaskContext ctx, byte[] secret, Duration timeout, RingEncryption encryption) {
        int rank = ctx.partitionId();
        String host = hostOf(ctx.getTaskInfos()[rank].address());
        try {
            ServerSocketChannel listener = TcpCollective.listen(InetAddress.getByName(host));
            List<InetSocketAddress> peers;
            try {
                int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
                String[] all = ctx.allGather(host + ":" + port);
                peers = new ArrayList<>(all.length);
                for (String a : all) {
                    int colon = a.lastIndexOf(':');
                    peers.add(new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1))));
                }
            } catch (IOException | RuntimeException e) {
                listener.close(); // connect takes it over only once it is called
                throw e;
            }
            return TcpCollective.connect(rank, peers, listener, secret, timeout, encryption);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Worker " + rank + " could not listen on " + host + ": " + e.getMessage(), e);
        }
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}
