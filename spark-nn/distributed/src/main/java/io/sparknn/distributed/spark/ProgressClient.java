package io.sparknn.distributed.spark;

import io.sparknn.distributed.ProgressListener;
import io.sparknn.train.EpochStats;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker 0's side of the progress channel: one line every few seconds and one per epoch, sent to
 * the driver's {@link ProgressServer} and written to the executor log as well. If the driver
 * cannot be reached, progress goes to the executor log and the connection is tried again a few
 * times, at most every {@link #RETRY_NANOS}; training never fails for it, and a connection
 * attempt never blocks the worker for more than {@link #CONNECT_MILLIS}.
 */
final class ProgressClient implements ProgressListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressClient.class);
    /** Step lines to the executor log: every few seconds, as a log stays readable. */
    private static final long STEP_INTERVAL_NANOS = 5_000_000_000L;
    /** Step lines to the driver: often enough for a live progress bar; the driver thins its log itself. */
    private static final long DRIVER_STEP_INTERVAL_NANOS = 500_000_000L;

    static final int CONNECT_MILLIS = 2_000;
    static final long RETRY_NANOS = 30_000_000_000L;
    static final int MAX_ATTEMPTS = 4;

    private final String driverAddress;
    private final byte[] secret;
    private int attempts;
    private long nextAttempt;
    private Socket socket;
    private OutputStream out;
    private final int totalEpochs;
    private final long started = System.nanoTime();
    private long lastStepLine;
    private long stepsDone;

    ProgressClient(String driverAddress, byte[] secret, int totalEpochs) {
        this.totalEpochs = totalEpochs;
        this.driverAddress = driverAddress;
        this.secret = secret.clone();
        if (driverAddress != null) {
            connect();
        }
    }

    /** Whether lines currently go to the driver. */
    boolean connected() {
        return out != null;
    }

    private void connect() {
        attempts++;
        nextAttempt = System.nanoTime() + RETRY_NANOS;
        int colon = driverAddress.lastIndexOf(':');
        Socket s = new Socket();
        try {
            s.connect(
                    new InetSocketAddress(
                            driverAddress.substring(0, colon), Integer.parseInt(driverAddress.substring(colon + 1))),
                    CONNECT_MILLIS);
            s.setSoTimeout(CONNECT_MILLIS);
            byte[] nonce = new byte[ProgressAuth.NONCE_BYTES];
            new DataInputStream(s.getInputStream()).readFully(nonce);
            s.getOutputStream().write(ProgressAuth.mac(secret, nonce));
            socket = s;
            out = s.getOutputStream();
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            LOG.warn(
                    "Cannot send progress to the driver at {} ({}); progress goes to this executor's log{}",
                    driverAddress,
                    e.toString(),
                    attempts < MAX_ATTEMPTS ? " until a later attempt succeeds" : " only");
        }
    }

    @Override
    public void step(int epoch, int step, int stepsPerEpoch, double runningLoss, double samplesPerSecond) {
        stepsDone++;
        long now = System.nanoTime();
        long interval = out != null ? DRIVER_STEP_INTERVAL_NANOS : STEP_INTERVAL_NANOS;
        if (now - lastStepLine < interval && step + 1 < stepsPerEpoch) {
            return;
        }
        lastStepLine = now;
        double elapsed = (now - started) / 1e9;
        long remaining = (long) (totalEpochs - epoch - 1) * stepsPerEpoch + (stepsPerEpoch - step - 1);
        double eta = elapsed / stepsDone * remaining;
        send(new StepProgress(
                        epoch + 1, totalEpochs, step + 1, stepsPerEpoch, runningLoss, samplesPerSecond, elapsed, eta)
                .format());
    }

    @Override
    public void epoch(EpochStats stats) {
        send(stats.toString());
    }

    private void send(String line) {
        if (out == null && driverAddress != null && attempts < MAX_ATTEMPTS && System.nanoTime() >= nextAttempt) {
            connect();
        }
        if (out == null) {
            LOG.info("spark-nn {}", line);
            return;
        }
        // The driver logs it at INFO; repeating it here would print every line twice in local mode.
        LOG.debug("spark-nn {}", line);
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            LOG.warn("Progress to the driver stopped ({}); continuing with the executor log", e.toString());
            LOG.info("spark-nn {}", line);
            close();
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("Closing the progress socket: {}", e.toString());
            }
            socket = null;
            out = null;
        }
    }
}
