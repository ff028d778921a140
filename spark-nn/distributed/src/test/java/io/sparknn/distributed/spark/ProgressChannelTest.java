package io.sparknn.distributed.spark;

import io.sparknn.train.EpochStats;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ProgressChannelTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
    void anUnreachableDriverNeverFailsTraining() {
        try (ProgressClient client = new ProgressClient("127.0.0.1:1", SECRET, 1)) {
            client.step(0, 0, 1, 1.0, 1.0);
            client.epoch(new EpochStats(1, 0.5, 0.8, Double.NaN, Double.NaN, 100, 1.0));
        }
    }
}
