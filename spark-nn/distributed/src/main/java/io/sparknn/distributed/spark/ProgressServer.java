package io.sparknn.distributed.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the driver for worker 0's progress lines and writes them to the driver log, so a
 * spark-submit log (and Airflow) shows epoch, step, loss, throughput and ETA while the single
 * barrier stage runs. A connection must prove the run's secret; others are closed and logged.
 * Progress is best effort: nothing here can fail the training.
 *
 * <p>All connections are served at once by one non-blocking loop, so a stranger that connects
 * and stays silent delays nobody: it is dropped after {@link #AUTH_MILLIS}, or earlier when more
 * than {@link #MAX_PENDING} unauthenticated connections are open (oldest first).
 */
final class ProgressServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.sparknn.progress");
    static final int AUTH_MILLIS = 2_000;
    static final int MAX_PENDING = 32;
    private static final int MAX_LINE = 500;
    private static final int WARN_REJECTIONS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerSocketChannel server;
    private final Selector selector;
    private final byte[] secret;
    private final Consumer<String> sink;
    private final Thread thread;
    private final List<Connection> pending = new ArrayList<>();
    private volatile boolean closed;
    private int rejected;

    ProgressServer(String host, byte[] secret) throws IOException {
        this(host, secret, DriverProgress::accept);
    }

    /** @param sink receives every progress line of an authenticated worker */
    ProgressServer(String host, byte[] secret, Consumer<String> sink) throws IOException {
        this.secret = secret.clone();
        this.sink = sink;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName(host), 0), 256);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        this.thread = new Thread(this::loop, "sparknn-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code host:port} for the workers. */
    String address() {
        InetSocketAddress a = (InetSocketAddress) server.socket().getLocalSocketAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private void loop() {
        try {
            while (!closed) {
                long wait =
                        pending.isEmpty() ? 0 : Math.max(1, (pending.get(0).deadline - System.nanoTime()) / 1_000_000);
                selector.select(wait);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptAll();
                    } else if (key.attachment() instanceof Connection c) {
                        c.step();
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                for (Connection c : new ArrayList<>(pending)) {
                    if (now >= c.deadline) {
                        c.reject("no authentication within " + AUTH_MILLIS + " ms");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.warn(
                        "Live progress stopped: the progress server failed ({}); progress stays in the executor logs",
                        e.toString());
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
            closeQuietly(selector);
        }
    }

    private void acceptAll() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            if (pending.size() >= MAX_PENDING) {
                pending.get(0)
                        .reject("dropped to make room: " + MAX_PENDING + " unauthenticated connections were open");
            }
            Connection c = new Connection(ch);
            pending.add(c);
            c.step();
        }
    }

    /** One worker connection: nonce out, MAC in, then progress lines. */
    private final class Connection {
        final SocketChannel channel;
        final SocketAddress remote;
        final long deadline = System.nanoTime() + AUTH_MILLIS * 1_000_000L;
        final byte[] nonce = new byte[ProgressAuth.NONCE_BYTES];
        final SelectionKey key;
        ByteBuffer buf;
        boolean nonceSent;
        boolean authenticated;
        final StringBuilder line = new StringBuilder();
        final ByteBuffer bytes = ByteBuffer.allocate(4096);

        Connection(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.remote = channel.getRemoteAddress();
            channel.configureBlocking(false);
            RANDOM.nextBytes(nonce);
            buf = ByteBuffer.wrap(nonce.clone());
            key = channel.register(selector, SelectionKey.OP_WRITE, this);
        }

        void step() {
            try {
                if (authenticated) {
                    readLines();
                } else if (!nonceSent) {
                    channel.write(buf);
                    if (!buf.hasRemaining()) {
                        nonceSent = true;
                        buf = ByteBuffer.allocate(32);
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else {
                    if (channel.read(buf) < 0) {
                        reject("closed before authenticating");
                    } else if (!buf.hasRemaining()) {
                        if (MessageDigest.isEqual(buf.array(), ProgressAuth.mac(secret, nonce))) {
                            authenticated = true;
                            pending.remove(this);
                        } else {
                            reject("it does not know this run's secret");
                        }
                    }
                }
            } catch (IOException e) {
                if (authenticated) {
                    LOG.debug("Progress connection from {} ended: {}", remote, e.toString());
                    closeQuietly(channel);
                } else {
                    reject(e.toString());
                }
            }
        }

        private void readLines() throws IOException {
            int n = channel.read(bytes);
            bytes.flip();
            while (bytes.hasRemaining()) {
                char ch = (char) bytes.get();
                if (ch == '\n') {
                    sink.accept(
                            new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                    line.setLength(0);
                } else if (line.length() < MAX_LINE) {
                    line.append((char) (ch & 0xff));
                }
            }
            bytes.clear();
            if (n < 0) {
                closeQuietly(channel);
            }
        }

        void reject(String why) {
            rejected++;
            if (rejected <= WARN_REJECTIONS) {
                LOG.warn("Rejected a progress connection from {}: {}", remote, why);
            } else {
                LOG.debug("Rejected a progress connection from {}: {}", remote, why);
            }
            pending.remove(this);
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing a progress connection: {}", e.toString());
        }
    }

    /** Stops listening and closes every connection; idempotent. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        closeQuietly(server);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
