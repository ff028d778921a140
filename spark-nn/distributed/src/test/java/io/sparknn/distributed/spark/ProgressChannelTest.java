package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.train.EpochStats;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProgressChannelTest {
    private static final byte[] SECRET =
            "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void aStrangerIsDisconnectedAndTheWorkerStillGetsThrough() {
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            try (ProgressServer server = new ProgressServer("127.0.0.1", SECRET)) {
                String[] hp = server.address().split(":");
                try (Socket stranger = new Socket(hp[0], Integer.parseInt(hp[1]))) {
                    new DataInputStream(stranger.getInputStream()).readFully(new byte[ProgressAuth.NONCE_BYTES]);
                    stranger.getOutputStream().write(new byte[32]); // a wrong MAC
                    InputStream in = stranger.getInputStream();
                    assertEquals(-1, in.read(), "the server must close a connection that fails authentication");
                }
                try (ProgressClient client = new ProgressClient(server.address(), SECRET, 1)) {
                    client.epoch(new EpochStats(1, 0.5, 0.8, Double.NaN, Double.NaN, 100, 1.0));
                    client.step(0, 9, 10, 0.5, 1000);
                }
            }
        });
    }

    @Test
    void silentIdleAndGarbageStrangersNeitherDelayNorSilenceTheWorker() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Socket> strangers = new ArrayList<>();
        try (ProgressServer server = new ProgressServer("127.0.0.1", SECRET, lines::add)) {
            String[] hp = server.address().split(":");
            for (int i = 0; i < 100; i++) {
                Socket s = new Socket(hp[0], Integer.parseInt(hp[1]));
                if (i % 10 == 0) {
                    s.getOutputStream().write("GET /".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // and hold
                }
                strangers.add(s); // connected, never authenticates
            }
            try (ProgressClient client = new ProgressClient(server.address(), SECRET, 1)) {
                assertTrue(client.connected(), "the worker must get through while strangers hold connections");
                client.epoch(new EpochStats(1, 0.5, 0.8, Double.NaN, Double.NaN, 100, 1.0));
            }
            for (Socket s : strangers) {
                s.setSoTimeout(30_000);
                InputStream in = s.getInputStream();
                in.readNBytes(ProgressAuth.NONCE_BYTES);
                assertEquals(-1, in.read(), "a stranger that does not authenticate must be disconnected");
            }
            // The server has handled every connection by now, so the worker's line has been read.
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("epoch 1"), lines.get(0));
        } finally {
            for (Socket s : strangers) {
                s.close();
            }
        }
    }

    @Test
    void anUnreachableDriverNeverFailsTraining() {
        try (ProgressClient client = new ProgressClient("127.0.0.1:1", SECRET, 1)) {
            client.step(0, 0, 1, 1.0, 1.0);
            client.epoch(new EpochStats(1, 0.5, 0.8, Double.NaN, Double.NaN, 100, 1.0));
        }
    }
}
