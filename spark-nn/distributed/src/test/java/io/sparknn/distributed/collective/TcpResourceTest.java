package io.sparknn.distributed.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.collective.Groups.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Sockets, selectors and listeners are released on every path, and bad arguments are named. */
class TcpResourceTest {

    /**
     * Sockets, epoll instances and event fds open in this JVM (what the collective creates); jar
     * files the class loader opens lazily are not counted. Linux only.
     */
    private static long openSockets() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "needs Linux /proc");
        long count = 0;
        try (Stream<Path> list = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:") || target.startsWith("anon_inode:")) {
                        count++;
                    }
                } catch (IOException e) {
                    // closed while listing (e.g. the directory stream's own fd)
                }
            }
        }
        return count;
    }

    @Test
    void closingTheGroupReleasesEverySocketAndFreesThePorts() throws IOException {
        long before = openSockets();
        List<ServerSocketChannel> listeners = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            listeners.add(Groups.listener());
        }
        List<InetSocketAddress> peers = Groups.addresses(listeners);
        List<Collective> group = new ArrayList<>();
        for (Outcome<TcpCollective> o : Groups.inParallel(
                3, r -> TcpCollective.connect(r, peers, listeners.get(r), Groups.SECRET, Groups.TIMEOUT))) {
            group.add(o.get());
        }
        for (ServerSocketChannel l : listeners) {
            assertFalse(l.isOpen(), "connect closes the listener once the ring is formed");
        }
        Groups.onEveryRank(group, c -> {
            c.allReduceSum(new float[100_000], 0, 100_000);
            return null;
        });
        Groups.closeAll(group);
        assertEquals(before, openSockets(), "sockets or selectors still open after close()");
        for (InetSocketAddress peer : peers) {
            try (ServerSocketChannel again = ServerSocketChannel.open().bind(peer)) {
                assertTrue(again.isOpen(), "port " + peer.getPort() + " is free again");
            }
        }
    }

    @Test
    void aRingThatCannotFormReleasesEverythingAndNamesTheMissingRank() throws IOException {
        long before = openSockets();
        ServerSocketChannel mine = Groups.listener();
        ServerSocketChannel absent = Groups.listener(); // bound, but rank 1 never calls connect
        List<InetSocketAddress> peers = Groups.addresses(List.of(mine, absent));
        try {
            CollectiveException e = assertTimeoutPreemptively(
                    Duration.ofSeconds(Groups.HANG_SECONDS),
                    () -> assertThrows(
                            CollectiveException.class,
                            () -> TcpCollective.connect(0, peers, mine, Groups.SECRET, Groups.SHORT_TIMEOUT)));
            assertTrue(e.getMessage().contains("rank 1 at " + peers.get(1)), e.getMessage());
            assertTrue(e.getMessage().contains("no authenticated connection from rank 1"), e.getMessage());
            assertFalse(mine.isOpen(), "the listener is closed on failure too");
        } finally {
            absent.close();
        }
        assertEquals(before, openSockets(), "sockets or selectors still open after a failure");
    }

    @Test
    void connectNamesEachBadArgument() throws IOException {
        List<ServerSocketChannel> listeners = List.of(Groups.listener(), Groups.listener());
        List<InetSocketAddress> peers = Groups.addresses(listeners);
        try {
            IllegalArgumentException wrongPort = assertThrows(
                    IllegalArgumentException.class,
                    () -> TcpCollective.connect(
                            0, List.of(peers.get(1), peers.get(0)), listeners.get(0), Groups.SECRET, Groups.TIMEOUT));
            assertTrue(wrongPort.getMessage().contains("publish the listener's own address"), wrongPort.getMessage());
            assertFalse(listeners.get(0).isOpen(), "connect owns the listener even when it rejects");

            IllegalArgumentException shortSecret = assertThrows(
                    IllegalArgumentException.class,
                    () -> TcpCollective.connect(1, peers, listeners.get(1), new byte[8], Groups.TIMEOUT));
            assertTrue(shortSecret.getMessage().contains("at least 16"), shortSecret.getMessage());

            ServerSocketChannel third =
                    ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            IllegalArgumentException badRank = assertThrows(
                    IllegalArgumentException.class,
                    () -> TcpCollective.connect(2, peers, third, Groups.SECRET, Groups.TIMEOUT));
            assertTrue(badRank.getMessage().contains("rank 2 is not in [0, 2)"), badRank.getMessage());
        } finally {
            for (ServerSocketChannel l : listeners) {
                l.close();
            }
        }
    }

    @Test
    void aGroupOfOneNeedsNoPeer() throws IOException {
        ServerSocketChannel l = Groups.listener();
        try (Collective c = TcpCollective.connect(0, Groups.addresses(List.of(l)), l, Groups.SECRET)) {
            float[] data = {1, 2, 3};
            c.allReduceSum(data, 0, 3);
            c.barrier();
            assertEquals(2f, data[1]);
            assertFalse(l.isOpen());
            assertInstanceOf(TcpCollective.class, c);
        }
    }
}
