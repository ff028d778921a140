package io.sparknn.distributed.collective;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The encrypted byte streams of one rank's two ring links: what the algorithms put in the send
 * buffer leaves as {@link LinkCipher} frames, and frames arriving from the predecessor are
 * opened before their plaintext reaches the receive buffer. A frame is opened only once it is
 * complete and its tag checks, so no unauthenticated byte is ever summed.
 *
 * <p>Buffers: one sealed frame waiting to be written, the received ciphertext, and one opened
 * frame waiting for room in the receive buffer (a frame is opened whole, but the algorithms
 * may consume it piecemeal).
 */
final class SealedStreams {
    private final LinkCipher sender;
    private final LinkCipher receiver;
    /** A sealed frame not yet fully written, in read mode. */
    private final ByteBuffer sealedOut = ByteBuffer.allocateDirect(LinkCipher.MAX_FRAME);
    /** Received ciphertext, in write mode. */
    private final ByteBuffer sealedIn = ByteBuffer.allocateDirect(LinkCipher.MAX_FRAME);
    /** The plaintext of the last opened frame not yet delivered, in read mode. */
    private final ByteBuffer plainIn = ByteBuffer.allocateDirect(LinkCipher.MAX_PLAINTEXT);

    private boolean endOfStream;

    SealedStreams(byte[] sendKey, byte[] receiveKey) {
        this.sender = new LinkCipher(sendKey);
        this.receiver = new LinkCipher(receiveKey);
        sealedOut.flip();
        plainIn.flip();
    }

    /** True while a sealed frame is still being written. */
    boolean pendingOut() {
        return sealedOut.hasRemaining();
    }

    /**
     * Seals the next frame of {@code src} whenever the previous one is gone and writes what the
     * socket takes; returns the bytes moved (sealed plus written).
     */
    int write(SocketChannel out, ByteBuffer src) throws IOException {
        int moved = 0;
        while (true) {
            if (!sealedOut.hasRemaining() && src.hasRemaining()) {
                int before = src.remaining();
                sealedOut.clear();
                sender.seal(src, sealedOut);
                sealedOut.flip();
                moved += before - src.remaining();
            }
            int n = sealedOut.hasRemaining() ? out.write(sealedOut) : 0;
            moved += n;
            if (n == 0 || sealedOut.hasRemaining() || !src.hasRemaining()) {
                return moved;
            }
        }
    }

    /**
     * Delivers opened plaintext into {@code dst} (write mode), reading and opening frames as
     * needed; returns the bytes moved (received plus delivered), or -1 once the peer has closed
     * and nothing opened is left. Throws {@link LinkCipher.AEADFrameException} for a bad frame.
     */
    int read(SocketChannel in, ByteBuffer dst) throws IOException {
        int moved = 0;
        while (true) {
            moved += deliver(dst);
            if (plainIn.hasRemaining()) {
                break; // dst is full
            }
            if (openFrame()) {
                continue;
            }
            if (endOfStream) {
                break;
            }
            int n = in.read(sealedIn);
            if (n < 0) {
                endOfStream = true;
                break;
            }
            if (n == 0) {
                break;
            }
            moved += n;
        }
        return moved == 0 && endOfStream && !plainIn.hasRemaining() ? -1 : moved;
    }

    private int deliver(ByteBuffer dst) {
        int n = Math.min(plainIn.remaining(), dst.remaining());
        if (n > 0) {
            ByteBuffer piece = plainIn.slice().limit(n);
            dst.put(piece);
            plainIn.position(plainIn.position() + n);
        }
        return n;
    }

    /** Opens the frame at the front of the ciphertext if it is complete; true if it did. */
    private boolean openFrame() {
        sealedIn.flip();
        try {
            if (sealedIn.remaining() < LinkCipher.LENGTH_BYTES
                    || sealedIn.remaining()
                            < LinkCipher.LENGTH_BYTES + LinkCipher.plaintextLength(sealedIn) + LinkCipher.TAG_BYTES) {
                return false;
            }
            plainIn.clear();
            receiver.open(sealedIn, plainIn);
            plainIn.flip();
            return true;
        } finally {
            sealedIn.compact();
        }
    }
}
