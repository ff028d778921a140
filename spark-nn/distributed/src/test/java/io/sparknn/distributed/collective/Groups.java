package io.sparknn.distributed.collective;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test fixture: groups of both kinds on loopback, and running one task per rank in threads. */
final class Groups {
    /** For groups that should work: generous, so a loaded 2-core CI machine never trips it. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Where a failure is the point of the test: short, so it ends quickly. */
    static final Duration SHORT_TIMEOUT = Duration.ofSeconds(2);
    /** Bound on a whole multi-rank task in a test: only reached if something hangs. */
    static final long HANG_SECONDS = 60;

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    enum Kind {
        IN_PROCESS,
        TCP,
        TCP_ENCRYPTED
    }

    /** What one rank's task returned or threw. */
    record Outcome<T>(T value, Throwable error) {
        T get() {
            if (error != null) {
                throw new AssertionError("rank task failed: " + error, error);
            }
            return value;
        }
    }

    @FunctionalInterface
    interface RankTask<T> {
        T run(Collective c) throws Exception;
    }

    private Groups() {}

    static List<Collective> create(Kind kind, int size) {
        return create(kind, size, TIMEOUT);
    }

    static List<Collective> create(Kind kind, int size, Duration timeout) {
        return switch (kind) {
            case IN_PROCESS -> InProcessCollective.group(size, timeout);
            case TCP -> tcp(size, timeout, RingEncryption.OFF);
            case TCP_ENCRYPTED -> tcp(size, timeout, RingEncryption.AES_GCM);
        };
    }

    static ServerSocketChannel listener() throws IOException {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    static List<InetSocketAddress> addresses(List<ServerSocketChannel> listeners) throws IOException {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (ServerSocketChannel l : listeners) {
            peers.add((InetSocketAddress) l.getLocalAddress());
        }
        return peers;
    }

    /** A TCP group of {@code size} on 127.0.0.1, every rank with {@link #SECRET}. */
    static List<Collective> tcp(int size) {
        return tcp(size, TIMEOUT);
    }

    static List<Collective> tcp(int size, Duration timeout) {
        return tcp(size, timeout, RingEncryption.OFF);
    }

    static List<Collective> tcp(int size, Duration timeout, RingEncryption encryption) {
        byte[][] secrets = new byte[size][];
        Arrays.fill(secrets, SECRET);
        List<Outcome<Collective>> outcomes = tcpOutcomes(timeout, encryption, secrets);
        List<Collective> members = new ArrayList<>();
        for (Outcome<Collective> o : outcomes) {
            if (o.error() != null) {
                closeAll(members);
            }
            members.add(o.get());
        }
        return members;
    }

    /** Connects one rank per secret in parallel; returns each rank's collective or error. */
    static List<Outcome<Collective>> tcpOutcomes(Duration timeout, byte[]... secrets) {
        return tcpOutcomes(timeout, RingEncryption.OFF, secrets);
    }

    static List<Outcome<Collective>> tcpOutcomes(Duration timeout, RingEncryption encryption, byte[]... secrets) {
        try {
            List<ServerSocketChannel> listeners = new ArrayList<>();
            for (int r = 0; r < secrets.length; r++) {
                listeners.add(listener());
            }
            List<InetSocketAddress> peers = addresses(listeners);
            return inParallel(
                    secrets.length,
                    r -> TcpCollective.connect(r, peers, listeners.get(r), secrets[r], timeout, encryption));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code task} on every member, each in its own thread; returns values by rank. */
    static <T> List<T> onEveryRank(List<Collective> members, RankTask<T> task) {
        List<T> values = new ArrayList<>();
        for (Outcome<T> o : outcomes(members, task)) {
            values.add(o.get());
        }
        return values;
    }

    /** Like {@link #onEveryRank} but returns failures instead of throwing them. */
    static <T> List<Outcome<T>> outcomes(List<Collective> members, RankTask<T> task) {
        return inParallel(members.size(), r -> task.run(members.get(r)));
    }

    interface IndexedTask<T> {
        T run(int rank) throws Exception;
    }

    static <T> List<Outcome<T>> inParallel(int n, IndexedTask<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                int rank = r;
                futures.add(pool.submit(() -> task.run(rank)));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    outcomes.add(new Outcome<>(f.get(HANG_SECONDS, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    throw new AssertionError("a rank hung for " + HANG_SECONDS + " s", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    static void close(List<Collective> members) {
        closeAll(members);
    }

    static void closeAll(List<Collective> members) {
        for (Collective c : members) {
            c.close();
        }
    }
}
