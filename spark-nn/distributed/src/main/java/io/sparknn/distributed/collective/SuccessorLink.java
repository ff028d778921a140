package io.sparknn.distributed.collective;

import io.sparknn.distributed.collective.Handshake.HandshakeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rank's outgoing connection to its successor while the ring forms, driven by {@link
 * RingConnector}'s event loop. A failed proof (wrong secret, peer list or encryption setting)
 * is fatal; a connection refused, closed or reset before the handshake completes is retried,
 * since the successor may not listen yet or may have dropped us among strangers, and its
 * listener stays open until the ring forms.
 */
final class SuccessorLink {
    private static final Logger LOG = LoggerFactory.getLogger(RingConnector.class);
    private static final long RETRY_NANOS = 100_000_000L;

    private final int rank;
    private final int successor;
    private final InetSocketAddress address;
    private final Handshake handshake;
    private final Selector selector;
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer buf;
    private byte[] serverNonce;
    private byte[] clientNonce;
    private boolean done;
    private long retryAt;
    private int refused;
    private int dropped;
    private String lastDrop = "";
    private int phase; // 0 connecting, 1 read hello, 2 write auth, 3 read accept

    SuccessorLink(int rank, int successor, InetSocketAddress address, Handshake handshake, Selector selector) {
        this.rank = rank;
        this.successor = successor;
        this.address = address;
        this.handshake = handshake;
        this.selector = selector;
    }

    SocketChannel channel() {
        return channel;
    }

    boolean done() {
        return done;
    }

    /** When the next connection attempt is due, or {@link Long#MAX_VALUE}. */
    long retryAt() {
        return retryAt > 0 ? retryAt : Long.MAX_VALUE;
    }

    void start() throws IOException {
        channel = SocketChannel.open();
        SocketTuning.apply(channel);
        channel.configureBlocking(false);
        phase = 0;
        try {
            if (channel.connect(address)) {
                connected();
            } else {
                key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            }
        } catch (java.net.ConnectException e) {
            refusedRetryLater();
        }
    }

    private void refusedRetryLater() {
        refused++;
        retryLater("refused connection to rank " + successor);
    }

    private void retryLater(String what) {
        Closing.quietly(channel, what);
        key = null;
        retryAt = System.nanoTime() + RETRY_NANOS;
    }

    byte[] key() {
        return handshake.encrypted() ? handshake.linkKey(rank, successor, serverNonce, clientNonce) : null;
    }

    void step() throws IOException {
        try {
            if (phase == 0) {
                if (channel.finishConnect()) {
                    connected();
                }
            } else if (phase == 1 && RingConnector.readInto(channel, buf)) {
                serverNonce = handshake.checkHello(buf.flip(), successor);
                clientNonce = Handshake.newNonce();
                buf = handshake.auth(rank, successor, serverNonce, clientNonce);
                phase = 2;
                step();
            } else if (phase == 2) {
                channel.write(buf);
                if (!buf.hasRemaining()) {
                    buf = Handshake.allocate(Handshake.ACCEPT_BYTES);
                    phase = 3;
                }
                key.interestOps(phase == 2 ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            } else if (phase == 3 && RingConnector.readInto(channel, buf)) {
                handshake.checkAccept(buf.flip(), rank, successor, serverNonce, clientNonce);
                done = true;
                key.cancel();
            }
        } catch (java.net.ConnectException e) {
            refusedRetryLater();
        } catch (IOException e) {
            // The successor may have dropped us among strangers; its listener stays open until the
            // ring forms, so connecting again is safe.
            dropped++;
            lastDrop = e.toString();
            LOG.debug(
                    "Collective rank {}: rank {} closed the connection during the handshake ({});"
                            + " connecting again",
                    rank,
                    successor,
                    e.toString());
            retryLater("dropped connection to rank " + successor);
        } catch (HandshakeException e) {
            throw new CollectiveException(
                    "rank " + rank + ": the link to rank " + successor
                            + " at " + address + " failed during the handshake: "
                            + e.getMessage() + "; check that the peer list, secret and encryption setting are"
                            + " the same on every rank",
                    e);
        }
    }

    void retryIfDue() throws IOException {
        if (retryAt > 0 && System.nanoTime() >= retryAt) {
            retryAt = 0;
            start();
        }
    }

    private void connected() throws IOException {
        phase = 1;
        buf = Handshake.allocate(Handshake.HELLO_BYTES);
        if (key == null || !key.isValid()) {
            key = channel.register(selector, SelectionKey.OP_READ, this);
        } else {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Where the handshake stands, for the timeout message. */
    String state() {
        String at = switch (phase) {
            case 0 -> refused > 0 ? "connection refused " + refused + " times" : "connecting";
            case 1 -> "waiting for its greeting";
            case 2 -> "sending our proof";
            default -> "waiting for its proof";
        };
        return dropped == 0 ? at : at + "; it closed " + dropped + " earlier attempt(s), last: " + lastDrop;
    }
}
