package io.sparknn.distributed.collective;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Strangers holding many connections open cannot stop the ring from forming: 200 idle sockets
 * queued on every listener before any rank starts, garbage senders that stay connected, and a
 * flood of new idle connections while the ranks meet.
 */
class TcpFloodTest {
    private static final int IDLE_PER_LISTENER = 200;
    private static final int GARBAGE_PER_LISTENER = 20;

    @ParameterizedTest(name = "{0} ranks, {1}")
    @CsvSource({"2, OFF", "3, OFF", "3, AES_GCM"})
    void theRingFormsAndReducesExactlyUnderAFloodOfStrangers(int size, RingEncryption encryption) throws Exception {
        List<ServerSocketChannel> listeners = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            listeners.add(TcpCollective.listen(InetAddress.getLoopbackAddress()));
        }
        List<InetSocketAddress> peers = Groups.addresses(listeners);
        ConcurrentLinkedQueue<SocketChannel> strangers = new ConcurrentLinkedQueue<>();
        AtomicBoolean formed = new AtomicBoolean();
        Thread flooder = new Thread(() -> flood(peers, strangers, formed), "flooder");
        List<Collective> group = new ArrayList<>();
        try {
            for (InetSocketAddress peer : peers) {
                for (int i = 0; i < IDLE_PER_LISTENER; i++) {
                    strangers.add(SocketChannel.open(peer)); // queued in the backlog, never says a word
                }
                for (int i = 0; i < GARBAGE_PER_LISTENER; i++) {
                    SocketChannel garbage = SocketChannel.open(peer);
                    garbage.write(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes()));
                    strangers.add(garbage); // and stays open
                }
            }
            flooder.start();
            List<Groups.Outcome<Collective>> joined = Groups.inParallel(
                    size,
                    r -> TcpCollective.connect(r, peers, listeners.get(r), Groups.SECRET, Groups.TIMEOUT, encryption));
            formed.set(true);
            for (Groups.Outcome<Collective> o : joined) {
                if (o.value() != null) {
                    group.add(o.value());
                }
            }
            for (Groups.Outcome<Collective> o : joined) {
                o.get(); // every rank must join the ring despite the strangers
            }
            float[][] in = Reference.inputs(11, size, 300_001);
            float[][] data = Reference.copy(in);
            Groups.onEveryRank(group, c -> {
                c.allReduceSum(data[c.rank()], 0, 300_001);
                c.barrier();
                return null;
            });
            for (int r = 0; r < size; r++) {
                Reference.assertBitsEqual(Reference.ringOrderSum(in, 0, 300_001, r), data[r], "rank " + r);
            }
        } finally {
            formed.set(true);
            flooder.join();
            Groups.closeAll(group);
            for (SocketChannel s : strangers) {
                s.close();
            }
        }
    }

    /** Keeps opening idle connections to every listener until the ring has formed. */
    private static void flood(
            List<InetSocketAddress> peers, ConcurrentLinkedQueue<SocketChannel> strangers, AtomicBoolean formed) {
        try {
            for (int round = 0; round < 200 && !formed.get(); round++) {
                for (InetSocketAddress peer : peers) {
                    SocketChannel s = SocketChannel.open();
                    s.configureBlocking(false);
                    s.connect(peer);
                    strangers.add(s);
                }
                Thread.sleep(10);
            }
        } catch (IOException e) {
            throw new AssertionError("the flooder could not connect", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
