package io.sparknn.distributed.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.collective.Groups.Outcome;
import io.sparknn.distributed.collective.Handshake.HandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every ring link proves knowledge of the run's secret; strangers never disturb the run. */
class TcpAuthenticationTest {
    private static final byte[] WRONG = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    @Test
    void strangersAreRejectedWhileTheRingStillFormsAndReduces() throws Exception {
        int size = 3;
        // Rank 0 rejects the silent stranger after a quarter of this, then still waits for rank 2.
        Duration timeout = Duration.ofSeconds(8);
        List<ServerSocketChannel> listeners = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            listeners.add(Groups.listener());
        }
        List<InetSocketAddress> peers = Groups.addresses(listeners);
        ExecutorService pool = Executors.newFixedThreadPool(size);
        List<Future<Collective>> joining = new ArrayList<>();
        try (SocketChannel wrongSecret = SocketChannel.open(peers.get(0));
                SocketChannel garbage = SocketChannel.open(peers.get(0));
                SocketChannel silent = SocketChannel.open(peers.get(0))) {
            // Rank 0 starts alone and must reject the three strangers in its backlog: one with the
            // wrong secret, one sending garbage, one that never says anything.
            joining.add(pool.submit(() -> TcpCollective.connect(0, peers, listeners.get(0), Groups.SECRET, timeout)));
            garbage.write(ByteBuffer.wrap(new byte[Handshake.AUTH_BYTES]));
            answerWithWrongSecret(wrongSecret, size);
            assertClosedByServer(garbage);
            assertClosedByServer(silent); // after the short handshake timeout
            for (int r = 1; r < size; r++) {
                int rank = r;
                joining.add(pool.submit(
                        () -> TcpCollective.connect(rank, peers, listeners.get(rank), Groups.SECRET, timeout)));
            }
            List<Collective> group = new ArrayList<>();
            try {
                for (Future<Collective> f : joining) {
                    group.add(f.get(Groups.HANG_SECONDS, TimeUnit.SECONDS));
                }
                float[][] in = Reference.inputs(5, size, 1001);
                float[][] data = Reference.copy(in);
                Groups.onEveryRank(group, c -> {
                    c.allReduceSum(data[c.rank()], 0, 1001);
                    return null;
                });
                for (int r = 0; r < size; r++) {
                    Reference.assertBitsEqual(Reference.ringOrderSum(in, 0, 1001, r), data[r], "rank " + r);
                }
            } finally {
                Groups.closeAll(group);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Plays a client that follows the protocol but does not know the secret. */
    private static void answerWithWrongSecret(SocketChannel ch, int size) throws IOException {
        ByteBuffer hello = Handshake.allocate(Handshake.HELLO_BYTES);
        while (hello.hasRemaining() && ch.read(hello) >= 0) {
            // read the server's greeting
        }
        Handshake impostor = new Handshake(WRONG, size);
        byte[] serverNonce = impostor.checkHello(hello.flip(), 0);
        ch.write(impostor.auth(size - 1, 0, serverNonce, Handshake.newNonce()));
        assertClosedByServer(ch);
    }

    /** The server closes a rejected connection without sending an ACCEPT. */
    private static void assertClosedByServer(SocketChannel ch) throws IOException {
        ch.socket().setSoTimeout((int) Duration.ofSeconds(Groups.HANG_SECONDS).toMillis());
        InputStream in = ch.socket().getInputStream();
        byte[] buf = new byte[Handshake.HELLO_BYTES + Handshake.ACCEPT_BYTES];
        int total = 0;
        try {
            int n;
            while ((n = in.read(buf, total, buf.length - total)) > 0) {
                total += n;
            }
            assertEquals(-1, n, "the server should close the connection");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a rejected connection open", e);
        } catch (SocketException e) {
            // a reset is a close too
        }
        assertTrue(total <= Handshake.HELLO_BYTES, "a rejected client must never get an ACCEPT");
    }

    @Test
    void ranksWithDifferentSecretsFailToFormTheRingInsteadOfHanging() {
        List<Outcome<Collective>> outcomes = assertTimeoutPreemptively(
                Duration.ofSeconds(Groups.HANG_SECONDS),
                () -> Groups.tcpOutcomes(Groups.SHORT_TIMEOUT, Groups.SECRET, WRONG));
        for (Outcome<Collective> o : outcomes) {
            if (o.value() != null) {
                o.value().close();
            }
            CollectiveException e = assertInstanceOf(CollectiveException.class, o.error());
            assertTrue(
                    e.getMessage().contains("handshake") || e.getMessage().contains("could not form"), e.getMessage());
        }
    }

    @Test
    void aProofIsBoundToTheNonceAndTheRingPosition() {
        Handshake h = new Handshake(Groups.SECRET, 4);
        byte[] serverNonce = Handshake.newNonce();
        byte[] clientNonce = Handshake.newNonce();
        // Valid: rank 1 proving itself to rank 2.
        h.checkAuth(h.auth(1, 2, serverNonce, clientNonce), 1, 2, serverNonce);
        // Replayed against a fresh server nonce.
        assertThrows(
                HandshakeException.class,
                () -> h.checkAuth(h.auth(1, 2, serverNonce, clientNonce), 1, 2, Handshake.newNonce()));
        // Reused for another link of the ring.
        assertThrows(
                HandshakeException.class, () -> h.checkAuth(h.auth(1, 2, serverNonce, clientNonce), 2, 3, serverNonce));
        // Another group size.
        assertThrows(
                HandshakeException.class,
                () -> new Handshake(Groups.SECRET, 3)
                        .checkAuth(h.auth(1, 2, serverNonce, clientNonce), 1, 2, serverNonce));
        // The server's answer proves the secret too.
        h.checkAccept(h.accept(1, 2, serverNonce, clientNonce), 1, 2, serverNonce, clientNonce);
        Handshake impostor = new Handshake(WRONG, 4);
        assertThrows(
                HandshakeException.class,
                () -> h.checkAccept(impostor.accept(1, 2, serverNonce, clientNonce), 1, 2, serverNonce, clientNonce));
    }
}
