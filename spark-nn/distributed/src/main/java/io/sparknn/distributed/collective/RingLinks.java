package io.sparknn.distributed.collective;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One rank's two non-blocking ring links (send to the successor, receive from the predecessor)
 * with their reused direct buffers, and the progress deadline. The algorithms ({@link
 * RingPipeline}, {@link SmallRing}) fill {@link #sendBuf} and drain {@link #recvBuf}; this class
 * moves the bytes and turns every I/O failure, end of stream or stall into a {@link
 * CollectiveException} naming the rank, the peer and the operation.
 *
 * <p>Wire format: little-endian (the native order of every platform Spark runs on). Each
 * operation starts with a {@link #HEADER_BYTES}-byte header {@code [op code, sequence number,
 * length, sender or origin rank]} in each direction; then raw payload, whose size both sides
 * know from the header. On encrypted links these bytes travel inside {@link SealedStreams}
 * frames instead of raw.
 */
final class RingLinks implements AutoCloseable {
    static final int HEADER_BYTES = 16;
    /** Bytes per direction buffered in user space; a few socket writes per megabyte. */
    static final int BUFFER_BYTES = 1 << 20;

    final int rank;
    final int size;
    /** Pending bytes to send, in read mode (position..limit not yet written). */
    final ByteBuffer sendBuf;
    /** Received bytes not yet consumed, in write mode (0..position hold data). */
    final ByteBuffer recvBuf;

    final FloatBuffer sendFloats;
    final FloatBuffer recvFloats;
    private final SocketChannel out;
    private final SocketChannel in;
    private final InetSocketAddress succAddress;
    private final InetSocketAddress predAddress;
    private final long timeoutNanos;
    private final Selector selector;
    private final SelectionKey outKey;
    private final SelectionKey inKey;
    private String operation = "";
    private long sentInOp;
    private long receivedInOp;
    private long lastProgress;
    /** The predecessor closed its end; bytes already buffered may still complete the operation. */
    private boolean endOfStream;
    /** Null on plaintext links. */
    private final SealedStreams sealed;

    RingLinks(
            int rank,
            int size,
            RingConnector.Formed formed,
            InetSocketAddress succAddress,
            InetSocketAddress predAddress,
            Duration timeout)
            throws IOException {
        this(
                rank,
                size,
                formed.out(),
                formed.in(),
                succAddress,
                predAddress,
                timeout,
                formed.outKey() == null ? null : new SealedStreams(formed.outKey(), formed.inKey()));
    }

    RingLinks(
            int rank,
            int size,
            SocketChannel out,
            SocketChannel in,
            InetSocketAddress succAddress,
            InetSocketAddress predAddress,
            Duration timeout,
            SealedStreams sealed)
            throws IOException {
        this.sealed = sealed;
        this.rank = rank;
        this.size = size;
        this.out = out;
        this.in = in;
        this.succAddress = succAddress;
        this.predAddress = predAddress;
        this.timeoutNanos = timeout.toNanos();
        this.sendBuf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        this.recvBuf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        this.sendFloats = sendBuf.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        this.recvFloats = recvBuf.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        sendBuf.flip(); // nothing pending
        this.selector = Selector.open();
        this.outKey = out.register(selector, 0);
        this.inKey = in.register(selector, 0);
    }

    int successor() {
        return (rank + 1) % size;
    }

    int predecessor() {
        return (rank + size - 1) % size;
    }

    /** Starts the progress clock and names the operation for error messages. */
    void begin(String operation) {
        this.operation = operation;
        this.sentInOp = 0;
        this.receivedInOp = 0;
        this.lastProgress = System.nanoTime();
    }

    /** True while bytes of {@link #sendBuf} have not all left (sealed frames included). */
    boolean sendPending() {
        return sendBuf.hasRemaining() || (sealed != null && sealed.pendingOut());
    }

    /** Writes what the socket takes of {@link #sendBuf}; true if any byte moved. */
    boolean flush() {
        if (!sendPending()) {
            return false;
        }
        int n;
        try {
            n = sealed == null ? out.write(sendBuf) : sealed.write(out, sendBuf);
        } catch (IOException e) {
            throw failure("sending to rank " + successor() + " at " + succAddress, successor(), e);
        }
        if (n > 0) {
            sentInOp += n;
            lastProgress = System.nanoTime();
        }
        return n > 0;
    }

    /**
     * Reads what is available into {@link #recvBuf}; true if any byte moved. The end of the stream
     * is not an error here: a peer that finished the last operation closes its links at once, and
     * its final message may already sit in {@link #recvBuf} (read with the previous operation's
     * bytes) waiting to be consumed. {@link #await} reports the end only when this rank still
     * waits for data that can no longer come.
     */
    boolean fill() {
        if (!recvBuf.hasRemaining() || endOfStream) {
            return false;
        }
        int n;
        try {
            n = sealed == null ? in.read(recvBuf) : sealed.read(in, recvBuf);
        } catch (IOException e) {
            throw failure("receiving from rank " + predecessor() + " at " + predAddress, predecessor(), e);
        } catch (LinkCipher.AEADFrameException e) {
            throw new CollectiveException(
                    "rank " + rank + ": a message from rank " + predecessor()
                            + " at " + predAddress + " was rejected during " + operation + ": " + e.getMessage()
                            + ". It was altered on the way or not sent by rank " + predecessor() + "; the"
                            + " link is no longer trusted",
                    e);
        }
        if (n < 0) {
            endOfStream = true;
            return false;
        }
        if (n > 0) {
            receivedInOp += n;
            lastProgress = System.nanoTime();
        }
        return n > 0;
    }

    private CollectiveException failure(String what, int peer, IOException e) {
        String cause;
        if (e instanceof ClosedByInterruptException) {
            cause = "this thread was interrupted (the task was probably killed)";
        } else if (e instanceof AsynchronousCloseException || e instanceof ClosedChannelException) {
            cause = "this collective was closed, probably by close() from another thread";
        } else {
            cause = "rank " + peer + " probably failed or was stopped; see its log for the first error";
        }
        return new CollectiveException(
                "rank " + rank + ": " + what + " failed during " + operation + " (" + e + "): " + cause, e);
    }

    /** Waits until a link is ready; throws when no byte has moved for the timeout. */
    void await(boolean wantWrite, boolean wantRead) {
        if (wantRead && endOfStream) {
            throw new CollectiveException("rank " + rank + ": rank " + predecessor() + " at "
                    + predAddress + " closed the connection during " + operation + " after "
                    + receivedInOp + " bytes of it: rank " + predecessor() + " failed, was stopped or"
                    + " closed its collective early; see its log for the first error");
        }
        long waited = System.nanoTime() - lastProgress;
        if (waited >= timeoutNanos) {
            throw new CollectiveException("rank " + rank + ": " + operation + " made no progress for "
                    + timeoutNanos / 1_000_000 + " ms ("
                    + (wantRead
                            ? "waiting for data from rank " + predecessor() + " at " + predAddress
                            : "received all data")
                    + "; "
                    + (wantWrite ? "rank " + successor() + " at " + succAddress + " is not reading" : "sent all data")
                    + "; " + receivedInOp + " bytes received, " + sentInOp + " sent): a peer is dead,"
                    + " stalled or not calling the same operation; raise the collective timeout only if"
                    + " peers are merely slow, e.g. in long GC pauses");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CollectiveException(
                    "rank " + rank + " was interrupted during " + operation + " (the task was probably killed)");
        }
        try {
            outKey.interestOps(wantWrite ? SelectionKey.OP_WRITE : 0);
            inKey.interestOps(wantRead ? SelectionKey.OP_READ : 0);
            selector.select(Math.max(1, (timeoutNanos - waited + 999_999) / 1_000_000));
            selector.selectedKeys().clear();
        } catch (IOException | ClosedSelectorException | CancelledKeyException e) {
            throw new CollectiveException(
                    "rank " + rank + ": waiting for the ring links failed"
                            + " during " + operation + " (" + e + "); close() was probably called from another"
                            + " thread",
                    e);
        }
    }

    /** Reads the header at the front of {@code b} (read mode) and checks it matches ours. */
    void checkHeader(ByteBuffer b, Operation op, int seq, int length, int from) {
        int code = b.getInt();
        int theirSeq = b.getInt();
        int theirLength = b.getInt();
        int theirFrom = b.getInt();
        Operation theirs = Operation.ofCode(code);
        if (theirs != op || theirSeq != seq || theirLength != length || theirFrom != from) {
            String what = theirs == null
                    ? "unknown operation code " + code
                    : theirs.describe(theirSeq, theirLength)
                            + (theirFrom == from ? "" : " marked as from rank " + theirFrom);
            throw new CollectiveException("rank " + rank + " is running " + op.describe(seq, length)
                    + " but rank " + predecessor() + " at " + predAddress + " sent " + what + ": all"
                    + " ranks must call the same operations in the same order with the same lengths");
        }
    }

    /** Appends a header to {@link #sendBuf} (write mode). */
    void putHeader(Operation op, int seq, int length, int from) {
        sendBuf.putInt(op.code).putInt(seq).putInt(length).putInt(from);
    }

    @Override
    public void close() {
        Closing.quietly(selector, "selector of rank " + rank);
        Closing.quietly(out, "link from rank " + rank + " to rank " + successor());
        Closing.quietly(in, "link from rank " + predecessor() + " to rank " + rank);
    }
}
