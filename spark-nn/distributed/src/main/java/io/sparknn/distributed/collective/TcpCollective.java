package io.sparknn.distributed.collective;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Collective} over TCP between processes: a ring where each rank sends to its
 * successor and receives from its predecessor, with streamed, pipelined reduce-scatter and
 * all-gather ({@link RingPipeline}). Every connection is authenticated with HMAC-SHA256 over a
 * fresh nonce using the run's secret; strangers are rejected (WARN) without disturbing the run,
 * even when they hold hundreds of connections open. With {@link RingEncryption#AES_GCM} the
 * data is encrypted and authenticated too ({@link SealedStreams}).
 *
 * <p>Every wait is bounded: when no byte moves for the timeout, or a peer closes its connection,
 * the call throws a {@link CollectiveException} naming the rank, the peer address and the
 * operation, closes this rank's links (so its neighbours fail fast too) and the collective stays
 * broken. One instance is used by one thread at a time.
 */
public final class TcpCollective implements Collective {
    private static final Logger LOG = LoggerFactory.getLogger(TcpCollective.class);
    /** The timeout used when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The shortest secret accepted. */
    public static final int MIN_SECRET_BYTES = 16;
    /** Pending connections the kernel queues for a listener before refusing more. */
    static final int LISTEN_BACKLOG = 1024;

    private final int rank;
    private final int size;
    private final RingLinks links; // null for a group of one
    private final RingPipeline pipeline;
    private final SmallRing small;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int seq;
    private volatile RuntimeException failure;

    private TcpCollective(int rank, int size, RingLinks links) {
        this.rank = rank;
        this.size = size;
        this.links = links;
        this.pipeline = links == null ? null : new RingPipeline(links);
        this.small = links == null ? null : new SmallRing(links);
    }

    /**
     * A listener for {@link #connect} on {@code host}, port chosen by the system, with a deep
     * backlog so that connections queued by strangers do not make the kernel refuse the real
     * predecessor before this rank starts accepting.
     */
    public static ServerSocketChannel listen(InetAddress host) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            return listener.bind(new InetSocketAddress(host, 0), LISTEN_BACKLOG);
        } catch (IOException | RuntimeException e) {
            Closing.quietly(listener, "listener on " + host);
            throw e;
        }
    }

    /** {@link #connect(int, List, ServerSocketChannel, byte[], Duration)} with a 60 s timeout. */
    public static TcpCollective connect(
            int rank, List<InetSocketAddress> peers, ServerSocketChannel listener, byte[] secret) {
        return connect(rank, peers, listener, secret, DEFAULT_TIMEOUT);
    }

    /** {@link #connect(int, List, ServerSocketChannel, byte[], Duration, RingEncryption)} unencrypted. */
    public static TcpCollective connect(
            int rank, List<InetSocketAddress> peers, ServerSocketChannel listener, byte[] secret, Duration timeout) {
        return connect(rank, peers, listener, secret, timeout, RingEncryption.OFF);
    }

    /**
     * Joins the ring and returns once this rank is linked to both neighbours.
     *
     * @param rank this rank, an index into {@code peers}
     * @param peers every rank's listener address, the same list on every rank
     * @param listener this rank's listener, already bound to {@code peers.get(rank)}; this method
     *     takes it over and closes it before returning or throwing
     * @param secret the run's shared secret (at least {@value #MIN_SECRET_BYTES} random bytes,
     *     the same on every rank, never sent over the wire)
     * @param timeout the bound on forming the ring and, later, on any stall of an operation: an
     *     operation fails when no byte has moved for this long. It also bounds how long a rank
     *     waits for a slower peer to reach the same call, so it must exceed the largest skew
     *     between ranks (e.g. one rank writing a checkpoint while the others wait)
     * @param encryption whether the data is encrypted; the same on every rank
     * @throws CollectiveException when the ring cannot be formed within the timeout
     */
    public static TcpCollective connect(
            int rank,
            List<InetSocketAddress> peers,
            ServerSocketChannel listener,
            byte[] secret,
            Duration timeout,
            RingEncryption encryption) {
        try {
            checkArguments(rank, peers, listener, secret, timeout);
            Objects.requireNonNull(encryption, "encryption");
            if (peers.size() == 1) {
                return new TcpCollective(rank, 1, null);
            }
            RingConnector connector = new RingConnector(
                    rank, List.copyOf(peers), secret.clone(), timeout, encryption == RingEncryption.AES_GCM);
            long start = System.nanoTime();
            RingConnector.Formed formed = connector.connect(listener);
            try {
                TcpCollective c = new TcpCollective(
                        rank,
                        peers.size(),
                        new RingLinks(
                                rank,
                                peers.size(),
                                formed,
                                peers.get(connector.successor()),
                                peers.get(connector.predecessor()),
                                timeout));
                LOG.info(
                        "Collective rank {} of {} joined the ring in {} ms ({}): sends to rank {} at {},"
                                + " receives from rank {} at {}",
                        rank,
                        peers.size(),
                        (System.nanoTime() - start) / 1_000_000,
                        encryption == RingEncryption.AES_GCM ? "AES-GCM encrypted" : "authenticated, not encrypted",
                        connector.successor(),
                        peers.get(connector.successor()),
                        connector.predecessor(),
                        formed.in().getRemoteAddress());
                return c;
            } catch (IOException | RuntimeException e) {
                Closing.quietly(formed.out(), "link to rank " + connector.successor());
                Closing.quietly(formed.in(), "link from rank " + connector.predecessor());
                throw e;
            }
        } catch (IOException e) {
            throw new CollectiveException("rank " + rank + ": could not form the ring: " + e, e);
        } finally {
            Closing.quietly(listener, "listener of rank " + rank);
        }
    }

    private static void checkArguments(
            int rank, List<InetSocketAddress> peers, ServerSocketChannel listener, byte[] secret, Duration timeout)
            throws IOException {
        Objects.requireNonNull(peers, "peers");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(timeout, "timeout");
        if (peers.isEmpty() || peers.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("peers must list one address per rank but was " + peers);
        }
        if (rank < 0 || rank >= peers.size()) {
            throw new IllegalArgumentException(
                    "rank " + rank + " is not in [0, " + peers.size() + ") for peers " + peers);
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret has " + secret.length + " bytes but at" + " least "
                    + MIN_SECRET_BYTES + " are needed; use 32 bytes from SecureRandom");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        if (!listener.isOpen() || !(listener.getLocalAddress() instanceof InetSocketAddress bound)) {
            throw new IllegalArgumentException("the listener of rank " + rank + " must be open and"
                    + " bound (bind it to the executor host, port 0) before connect");
        }
        if (bound.getPort() != peers.get(rank).getPort()) {
            throw new IllegalArgumentException("peers[" + rank + "] is " + peers.get(rank)
                    + " but this rank's listener is bound to " + bound + "; publish the listener's own"
                    + " address as this rank's entry");
        }
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void allReduceSum(float[] data, int offset, int length) {
        runFloats(Operation.ALL_REDUCE_SUM, data, offset, length);
    }

    @Override
    public void reduceScatterSum(float[] data, int offset, int length) {
        runFloats(Operation.REDUCE_SCATTER_SUM, data, offset, length);
    }

    @Override
    public void reduceScatterSum(float[] data, int offset, int length, int from, int to) {
        Operation op = Operation.REDUCE_SCATTER_SUM;
        Operation.checkRange(op, data, offset, length);
        Operation.checkWindow(op, length, from, to);
        if (begin(op)) {
            guarded(() -> pipeline.run(op, seq, data, offset, length, from, to));
        }
    }

    @Override
    public void allGather(float[] data, int offset, int length) {
        runFloats(Operation.ALL_GATHER, data, offset, length);
    }

    @Override
    public void allReduceSum(double[] values) {
        Operation.checkSmall(values);
        if (begin(Operation.ALL_REDUCE_SUM_DOUBLE)) {
            guarded(() -> small.allReduceSum(Operation.ALL_REDUCE_SUM_DOUBLE, seq, values));
        }
    }

    @Override
    public void barrier() {
        if (begin(Operation.BARRIER)) {
            guarded(() -> small.allReduceSum(Operation.BARRIER, seq, new double[0]));
        }
    }

    /**
     * Closes both links; idempotent and never throws. May be called from another thread to abort
     * a running operation, which then fails with a {@link CollectiveException}; the neighbours see
     * the closed links and fail too.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && links != null) {
            links.close();
        }
    }

    private void runFloats(Operation op, float[] data, int offset, int length) {
        Operation.checkRange(op, data, offset, length);
        if (begin(op)) {
            guarded(() -> pipeline.run(op, seq, data, offset, length));
        }
    }

    /** Checks this collective is usable and numbers the call; false when there is no peer. */
    private boolean begin(Operation op) {
        if (failure != null) {
            throw new CollectiveException(
                    "rank " + rank + ": " + op.displayName + " called on a"
                            + " collective that already failed (" + failure.getMessage() + "); the training task"
                            + " must fail and be retried",
                    failure);
        }
        if (closed.get()) {
            throw new CollectiveException("rank " + rank + ": " + op.displayName + " called after close()");
        }
        seq++;
        return links != null;
    }

    /** Runs an operation; any failure closes the links so the neighbours fail fast too. */
    private void guarded(Runnable operation) {
        try {
            operation.run();
        } catch (RuntimeException e) {
            failure = e;
            close();
            throw e;
        }
    }
}
