package io.sparknn.bench.distributed;

import io.sparknn.bench.distributed.AllReduceBenchmark.Options;
import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.RingEncryption;
import io.sparknn.distributed.collective.TcpCollective;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One rank of {@link AllReduceBenchmark}, in its own JVM: publishes its listener port in the
 * shared directory, waits for the others', joins the ring, runs the timed all-reduces and, at
 * rank 0, prints the RESULT line.
 */
final class BenchmarkWorker {
    private static final Duration RENDEZVOUS = Duration.ofSeconds(60);

    private BenchmarkWorker() {}

    static void run(Options o) throws IOException, InterruptedException {
        ServerSocketChannel listener = TcpCollective.listen(InetAddress.getLoopbackAddress());
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        Path tmp = o.dir().resolve("rank-" + o.rank() + ".tmp");
        Files.writeString(tmp, Integer.toString(port));
        Files.move(tmp, o.dir().resolve("rank-" + o.rank() + ".port"), StandardCopyOption.ATOMIC_MOVE);
        List<InetSocketAddress> peers = awaitPeers(o);
        byte[] secret = HexFormat.of()
                .parseHex(Files.readString(o.dir().resolve("secret")).trim());

        float[] input = new float[o.floats()];
        for (int i = 0; i < input.length; i++) {
            input[i] = value(i, o.rank());
        }
        float[] data = new float[o.floats()];
        double[] millis = new double[o.iterations()];
        RingEncryption encryption = o.encrypt() ? RingEncryption.AES_GCM : RingEncryption.OFF;
        try (Collective c =
                TcpCollective.connect(o.rank(), peers, listener, secret, TcpCollective.DEFAULT_TIMEOUT, encryption)) {
            for (int it = -o.warmup(); it < o.iterations(); it++) {
                System.arraycopy(input, 0, data, 0, input.length);
                c.barrier();
                long t0 = System.nanoTime();
                c.allReduceSum(data, 0, data.length);
                long t1 = System.nanoTime();
                if (it >= 0) {
                    millis[it] = (t1 - t0) / 1e6;
                }
            }
        }
        String check = check(data, o.workers());
        if (o.rank() == 0) {
            Arrays.sort(millis);
            double median = percentile(millis, 0.5);
            double bytesPerRank = 4.0 * o.floats() * 2 * (o.workers() - 1) / o.workers();
            System.out.println(String.format(
                    Locale.ROOT,
                    "RESULT bench=allreduce mode=jvm encrypted=%s floats=%d"
                            + " workers=%d iterations=%d median_ms=%.3f p90_ms=%.3f min_ms=%.3f gbps=%.3f check=%s",
                    o.encrypt(),
                    o.floats(),
                    o.workers(),
                    o.iterations(),
                    median,
                    percentile(millis, 0.9),
                    millis[0],
                    bytesPerRank / (median / 1e3) / 1e9,
                    check));
        }
        if (!check.equals("ok")) {
            System.err.println("AllReduceBenchmark rank " + o.rank() + ": wrong sum: " + check);
            System.exit(1);
        }
    }

    /** Small integers, so every sum is exact in float whatever the order. */
    private static float value(int i, int rank) {
        return (i * 31 + rank * 7) % 17 - 8;
    }

    private static String check(float[] data, int workers) {
        for (int i = 0; i < data.length; i++) {
            float expected = 0;
            for (int r = 0; r < workers; r++) {
                expected += value(i, r);
            }
            if (data[i] != expected) {
                return "element" + i + ":" + data[i] + "!=" + expected;
            }
        }
        return "ok";
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static List<InetSocketAddress> awaitPeers(Options o) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RENDEZVOUS.toNanos();
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int r = 0; r < o.workers(); r++) {
            Path file = o.dir().resolve("rank-" + r + ".port");
            while (!Files.exists(file)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("rank " + r + " did not publish its port in " + o.dir() + " within "
                            + RENDEZVOUS.toSeconds() + " s");
                }
                Thread.sleep(10);
            }
            int port = Integer.parseInt(Files.readString(file).trim());
            peers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        return peers;
    }
}
