package io.sparknn.distributed.collective;

import io.sparknn.distributed.collective.Handshake.HandshakeException;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forms one rank's two ring links: an outgoing connection to its successor and an incoming one
 * from its predecessor, both authenticated with {@link Handshake}. Both sides run at once in one
 * non-blocking event loop, so no rank waits on another's accept order. Everything is bounded by
 * one deadline.
 *
 * <p>Strangers cannot stop the ring from forming: the listener's backlog is drained at once;
 * garbage is dropped on its first 8 bytes; a connection that has not proved the secret within
 * {@link #MAX_HANDSHAKE} is dropped; and when more than {@link #MAX_CANDIDATES} unauthenticated
 * connections are pending the oldest is dropped to admit the newest, so a flood of idle sockets
 * cannot crowd out the real predecessor, which connects last. On the client side a connection
 * the successor closes or resets before the handshake completes is retried until the deadline
 * (the successor may have dropped it in such a flood); only a proof that fails (wrong secret,
 * peer list or encryption setting) is final.
 */
final class RingConnector {
    private static final Logger LOG = LoggerFactory.getLogger(RingConnector.class);
    /** Unauthenticated connections handled at once; beyond this the oldest is dropped. */
    static final int MAX_CANDIDATES = 32;
    /** The longest a connection may take to prove the secret (a real peer needs one round trip). */
    static final Duration MAX_HANDSHAKE = Duration.ofSeconds(2);
    /** Rejections logged at WARN per ring formation; the rest at DEBUG, then a count. */
    private static final int WARN_REJECTIONS = 3;

    private final int rank;
    private final int size;
    private final List<InetSocketAddress> peers;
    private final Handshake handshake;
    private final long handshakeNanos;
    private final long deadline;
    private final long timeoutMillis;
    private final List<Candidate> candidates = new ArrayList<>();
    private Selector selector;
    private SuccessorLink client;
    private SocketChannel incoming;
    private int rejected;
    private String lastRejection = "";

    /** The two authenticated links; the keys are null on plaintext links. */
    record Formed(SocketChannel out, SocketChannel in, byte[] outKey, byte[] inKey) {}

    private byte[] inKey;

    RingConnector(int rank, List<InetSocketAddress> peers, byte[] secret, Duration timeout, boolean encrypted) {
        this.rank = rank;
        this.size = peers.size();
        this.peers = peers;
        this.handshake = new Handshake(secret, size, encrypted);
        this.handshakeNanos = Math.min(timeout.toNanos() / 4, MAX_HANDSHAKE.toNanos());
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.timeoutMillis = timeout.toMillis();
    }

    int successor() {
        return (rank + 1) % size;
    }

    int predecessor() {
        return (rank + size - 1) % size;
    }

    /**
     * Runs the handshakes; returns the two links. On failure closes everything it opened and
     * throws {@link CollectiveException}. Does not close the listener.
     */
    Formed connect(ServerSocketChannel listener) throws IOException {
        boolean ok = false;
        try {
            selector = Selector.open();
            listener.configureBlocking(false);
            SelectionKey acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
            client = new SuccessorLink(rank, successor(), peers.get(successor()), handshake, selector);
            client.start();
            while (!(client.done() && incoming != null)) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new CollectiveException(timeoutMessage());
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new CollectiveException("rank " + rank + " was interrupted while forming the"
                            + " ring (the task was probably killed)");
                }
                long wake = Math.min(deadline, client.retryAt());
                for (Candidate c : candidates) {
                    wake = Math.min(wake, c.deadline);
                }
                selector.select(Math.max(1, (wake - now + 999_999) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue; // closed earlier in this round, e.g. a candidate rejected by another
                    } else if (key == acceptKey) {
                        acceptAll(listener);
                    } else if (key.attachment() instanceof Candidate c) {
                        c.step();
                    } else if (key.attachment() == client) {
                        client.step();
                    }
                }
                selector.selectedKeys().clear();
                client.retryIfDue();
                expireCandidates();
                if (incoming != null && acceptKey.isValid()) {
                    acceptKey.cancel();
                }
            }
            ok = true;
            if (rejected > 0) {
                LOG.info(
                        "Collective rank {}: the ring formed after dropping {} unauthenticated"
                                + " connection(s) (last: {})",
                        rank,
                        rejected,
                        lastRejection);
            }
            return new Formed(client.channel(), incoming, client.key(), inKey);
        } finally {
            for (Candidate c : candidates) {
                if (c.channel != incoming) {
                    Closing.quietly(c.channel, "unfinished handshake from " + c.remote);
                }
            }
            if (!ok) {
                Closing.quietly(client == null ? null : client.channel(), "link to rank " + successor());
                Closing.quietly(incoming, "link from rank " + predecessor());
            }
            Closing.quietly(selector, "handshake selector");
        }
    }

    private void acceptAll(ServerSocketChannel listener) throws IOException {
        SocketChannel ch;
        while (incoming == null && (ch = listener.accept()) != null) {
            if (candidates.size() >= MAX_CANDIDATES) {
                // The oldest has had the longest to prove itself; the real predecessor, which may be
                // queued behind a flood, is more likely among the newest.
                candidates
                        .get(0)
                        .fail("dropped to make room: " + MAX_CANDIDATES + " unauthenticated connections were pending");
            }
            Candidate c = new Candidate(ch, ch.getRemoteAddress());
            candidates.add(c);
            c.start();
        }
    }

    private void expireCandidates() {
        long now = System.nanoTime();
        for (Candidate c : new ArrayList<>(candidates)) {
            if (c.channel != incoming && now >= c.deadline) {
                c.fail("no complete handshake within " + handshakeNanos / 1_000_000 + " ms");
            }
        }
    }

    private void reject(Candidate c, SocketAddress remote, String why) {
        rejected++;
        lastRejection = remote + ": " + why;
        if (rejected <= WARN_REJECTIONS) {
            LOG.warn(
                    "Collective rank {}: rejected a connection from {}: {}.{}",
                    rank,
                    remote,
                    why,
                    incoming == null ? " Still waiting for rank " + predecessor() + " to connect." : "");
        } else {
            LOG.debug("Collective rank {}: rejected a connection from {}: {}", rank, remote, why);
        }
        candidates.remove(c);
        Closing.quietly(c.channel, "rejected connection from " + remote);
    }

    private String timeoutMessage() {
        StringBuilder sb = new StringBuilder("rank ")
                .append(rank)
                .append(" of ")
                .append(size)
                .append(" could not form the ring within ")
                .append(timeoutMillis)
                .append(" ms:");
        if (!client.done()) {
            sb.append(" rank ")
                    .append(successor())
                    .append(" at ")
                    .append(peers.get(successor()))
                    .append(" did not complete the handshake (")
                    .append(client.state())
                    .append(");");
        }
        if (incoming == null) {
            sb.append(" no authenticated connection from rank ")
                    .append(predecessor())
                    .append(" at ")
                    .append(peers.get(predecessor()).getAddress())
                    .append(" (rejected ")
                    .append(rejected)
                    .append(rejected == 0 ? "" : ", last: " + lastRejection)
                    .append(");");
        }
        return sb.append(" check that every rank is running, uses the same secret and peer list,"
                        + " and can reach the others, and that no other program floods the ranks' ports with"
                        + " connections")
                .toString();
    }

    /** Reads what is available into {@code buf}; true once it is full. */
    static boolean readInto(SocketChannel channel, ByteBuffer buf) throws IOException {
        if (channel.read(buf) < 0) {
            throw new EOFException("the peer closed the connection after " + buf.position() + " of " + buf.limit()
                    + " handshake bytes");
        }
        return !buf.hasRemaining();
    }

    /** An accepted connection that has not proved it is our predecessor yet. */
    private final class Candidate {
        final SocketChannel channel;
        final SocketAddress remote;
        final long deadline = System.nanoTime() + handshakeNanos;
        final byte[] serverNonce = Handshake.newNonce();
        SelectionKey key;
        ByteBuffer buf;
        int phase; // 0 write hello, 1 read auth, 2 write accept

        Candidate(SocketChannel channel, SocketAddress remote) {
            this.channel = channel;
            this.remote = remote;
        }

        void start() throws IOException {
            channel.configureBlocking(false);
            SocketTuning.apply(channel);
            buf = handshake.hello(rank, serverNonce);
            key = channel.register(selector, SelectionKey.OP_WRITE, this);
            step();
        }

        void step() {
            try {
                if (phase == 0 || phase == 2) {
                    channel.write(buf);
                    if (buf.hasRemaining()) {
                        return;
                    }
                    if (phase == 2) {
                        key.cancel();
                        candidates.remove(this);
                        incoming = channel;
                        for (Candidate other : new ArrayList<>(candidates)) {
                            other.fail("rank " + predecessor() + " has already connected");
                        }
                        return;
                    }
                    phase = 1;
                    buf = Handshake.allocate(Handshake.AUTH_BYTES);
                    key.interestOps(SelectionKey.OP_READ);
                } else if (readAuth()) {
                    byte[] clientNonce = handshake.checkAuth(buf.flip(), predecessor(), rank, serverNonce);
                    if (handshake.encrypted()) {
                        inKey = handshake.linkKey(predecessor(), rank, serverNonce, clientNonce);
                    }
                    buf = handshake.accept(predecessor(), rank, serverNonce, clientNonce);
                    phase = 2;
                    key.interestOps(SelectionKey.OP_WRITE);
                    step();
                }
            } catch (HandshakeException | IOException e) {
                fail(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }

        /** Reads AUTH bytes, rejecting garbage as soon as its first bytes are in; true when full. */
        private boolean readAuth() throws IOException {
            boolean full = readInto(channel, buf);
            if (buf.position() >= Handshake.PREFIX_BYTES) {
                Handshake.checkPrefix(buf);
            }
            return full;
        }

        void fail(String why) {
            reject(this, remote, why);
        }
    }
}
