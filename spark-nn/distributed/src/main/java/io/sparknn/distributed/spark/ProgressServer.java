package io.sparknn.distributed.spark;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Listens on the driver for worker 0's progress lines and writes them to the driver log, so a
 * spark-submit log (and Airflow) shows epoch, step, loss, throughput and ETA while the single
 * barrier stage runs. A connection must prove the run's secret; others are closed and logged.
 * Progress is best effort: nothing here can fail the training.
 */
final class ProgressServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.sparknn.progress");
    private static final int HANDSHAKE_MILLIS = 5_000;

    private final ServerSocket server;
    private final byte[] secret;
    private final Thread thread;
    private volatile boolean closed;

    ProgressServer(String host, byte[] secret) throws IOException {
        this.secret = secret.clone();
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        this.thread = new Thread(this::acceptLoop, "sparknn-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code host:port} for the workers. */
    String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket s = server.accept()) {
                if (authenticate(s)) {
                    readLines(s);
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("Progress connection ended: {}", e.toString());
                }
            }
        }
    }

    private boolean authenticate(Socket s) throws IOException {
        s.setSoTimeout(HANDSHAKE_MILLIS);
        byte[] nonce = new byte[ProgressAuth.NONCE_BYTES];
        new SecureRandom().nextBytes(nonce);
        OutputStream out = s.getOutputStream();
        out.write(nonce);
        out.flush();
        byte[] mac = new byte[32];
        try {
            new DataInputStream(s.getInputStream()).readFully(mac);
        } catch (SocketTimeoutException | java.io.EOFException e) {
            LOG.warn("Rejected a progress connection from {}: no authentication within {} ms",
                    s.getRemoteSocketAddress(), HANDSHAKE_MILLIS);
            return false;
        }
        if (!MessageDigest.isEqual(mac, ProgressAuth.mac(secret, nonce))) {
            LOG.warn("Rejected a progress connection from {}: it does not know this run's secret", s.getRemoteSocketAddress());
            return false;
        }
        s.setSoTimeout(0);
        return true;
    }

    private void readLines(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            LOG.info("spark-nn {}", line.length() > 500 ? line.substring(0, 500) : line);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the progress server: {}", e.toString());
        }
        thread.interrupt();
    }
}
