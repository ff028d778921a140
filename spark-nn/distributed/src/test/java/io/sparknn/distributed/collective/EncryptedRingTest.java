package io.sparknn.distributed.collective;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.collective.Groups.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With {@link RingEncryption#AES_GCM}, what crosses the wire is not the floats, the results are
 * still exact, and a message altered on the way is rejected.
 */
class EncryptedRingTest {
    private static final int LENGTH = 200_003;

    @Test
    void theFloatsAreNotOnTheWireAndTheSumIsExact() throws Exception {
        float[][] in = Reference.inputs(3, 2, LENGTH);
        Tap plain = reduceThroughTap(RingEncryption.OFF, in, -1);
        assertNotNull(plain.result, () -> "plaintext run failed: " + plain.error);
        // The control: without encryption rank 0's slice of the floats is on the wire as is.
        assertTrue(contains(plain.bytes(), sliceBytes(in[0])), "plaintext control");

        Tap sealed = reduceThroughTap(RingEncryption.AES_GCM, in, -1);
        assertNotNull(sealed.result, () -> "encrypted run failed: " + sealed.error);
        assertFalse(
                contains(sealed.bytes(), sliceBytes(in[0])), "encrypted links must not carry the floats in the clear");
        for (int r = 0; r < 2; r++) {
            Reference.assertBitsEqual(Reference.ringOrderSum(in, 0, LENGTH, r), sealed.result[r], "rank " + r);
        }
    }

    @Test
    void aTamperedMessageIsRejectedWithAClearError() throws Exception {
        float[][] in = Reference.inputs(4, 2, LENGTH);
        // Flip one bit inside the first data frame, after the 84-byte AUTH.
        Tap tampered = reduceThroughTap(RingEncryption.AES_GCM, in, Handshake.AUTH_BYTES + 100);
        CollectiveException e = assertInstanceOf(CollectiveException.class, tampered.error);
        assertTrue(
                e.getMessage().contains("rank 1: a message from rank 0")
                        && e.getMessage().contains("failed AES-GCM authentication")
                        && e.getMessage().contains("altered on the way"),
                e.getMessage());
    }

    @Test
    void ranksWithDifferentEncryptionSettingsNameTheSetting() {
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            for (int r = 0; r < 2; r++) {
                listeners.add(Groups.listener());
            }
            List<InetSocketAddress> peers = Groups.addresses(listeners);
            List<String> messages = new ArrayList<>();
            for (Outcome<Collective> o : Groups.<Collective>inParallel(
                    2,
                    r -> TcpCollective.connect(
                            r,
                            peers,
                            listeners.get(r),
                            Groups.SECRET,
                            Groups.SHORT_TIMEOUT,
                            r == 0 ? RingEncryption.AES_GCM : RingEncryption.OFF))) {
                if (o.value() != null) {
                    o.value().close();
                }
                messages.add(
                        assertInstanceOf(CollectiveException.class, o.error()).getMessage());
            }
            // The first rank to see the other's HELLO fails at once naming the setting; the other may
            // then only see that rank vanish, and time out.
            assertTrue(
                    messages.stream()
                            .anyMatch(m ->
                                    m.contains("has ring encryption") && m.contains("spark.network.crypto.enabled")),
                    messages.toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What one run through the tap recorded and returned. */
    private static final class Tap {
        final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        float[][] result;
        Throwable error;

        synchronized byte[] bytes() {
            return recorded.toByteArray();
        }
    }

    /**
     * All-reduces {@code in} over 2 ranks where rank 0's link to rank 1 passes through a relay that
     * records the bytes and, if {@code flipAt >= 0}, flips one bit at that offset.
     */
    private static Tap reduceThroughTap(RingEncryption encryption, float[][] in, int flipAt) throws Exception {
        Tap tap = new Tap();
        List<ServerSocketChannel> listeners = List.of(Groups.listener(), Groups.listener());
        List<InetSocketAddress> peers = Groups.addresses(listeners);
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress relayAddress = (InetSocketAddress) relay.getLocalSocketAddress();
            Thread relayThread = new Thread(() -> relay(relay, peers.get(1), tap, flipAt), "relay");
            relayThread.start();
            float[][] data = Reference.copy(in);
            List<Outcome<Void>> outcomes = Groups.inParallel(2, r -> {
                // Rank 0 reaches rank 1 through the relay; rank 1 knows nothing of it.
                List<InetSocketAddress> view = r == 0 ? List.of(peers.get(0), relayAddress) : peers;
                try (Collective c = TcpCollective.connect(
                        r, view, listeners.get(r), Groups.SECRET, Groups.SHORT_TIMEOUT, encryption)) {
                    c.allReduceSum(data[r], 0, LENGTH);
                }
                return null;
            });
            relayThread.join();
            tap.result = data;
            for (Outcome<Void> o : outcomes) {
                if (o.error() != null
                        && (tap.error == null || o.error().getMessage().contains("rank 1: a message"))) {
                    tap.error = o.error();
                    tap.result = null;
                }
            }
        }
        return tap;
    }

    private static void relay(ServerSocket relay, InetSocketAddress target, Tap tap, int flipAt) {
        try (Socket from = relay.accept();
                Socket to = new Socket(target.getAddress(), target.getPort())) {
            Thread back = new Thread(() -> pump(to, from, null, -1), "relay-back");
            back.start();
            pump(from, to, tap, flipAt);
            back.join();
        } catch (IOException e) {
            // a side closed; the test judges by the ranks' outcomes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(Socket from, Socket to, Tap tap, int flipAt) {
        byte[] buf = new byte[65536];
        long offset = 0;
        try {
            InputStream src = from.getInputStream();
            OutputStream dst = to.getOutputStream();
            int n;
            while ((n = src.read(buf)) > 0) {
                if (flipAt >= offset && flipAt < offset + n) {
                    buf[(int) (flipAt - offset)] ^= 1;
                }
                if (tap != null) {
                    synchronized (tap) {
                        tap.recorded.write(buf, 0, n);
                    }
                }
                dst.write(buf, 0, n);
                offset += n;
            }
        } catch (IOException e) {
            // the other side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** 64 consecutive floats of rank 0's input, little-endian, from the middle of its slice 1. */
    private static byte[] sliceBytes(float[] data) {
        ByteBuffer b = ByteBuffer.allocate(64 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 64; i++) {
            b.putFloat(data[LENGTH - 1000 + i]);
        }
        return b.array();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
