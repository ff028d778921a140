package io.sparknn.distributed.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Features that do not fit the worker's memory budget, appended to a file in the executor's
 * local directory and then memory-mapped read-only, so the operating system pages them in as
 * training reads them. The file is unlinked as soon as it is mapped: nothing is left behind,
 * even if the executor dies.
 */
final class SpillFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.nativeOrder());
    private long floats;

    SpillFile(Path dir) {
        try {
            Files.createDirectories(dir);
            this.path = Files.createTempFile(dir, "sparknn-partition-", ".spill");
            this.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create a spill file in " + dir + " for training data beyond the worker's "
                            + "memory budget: " + e.getMessage()
                            + ". Give the executors writable local disk (spark.local.dir).",
                    e);
        }
    }

    void append(float[] values, int off, int len) {
        try {
            for (int i = 0; i < len; ) {
                int n = Math.min(len - i, staging.remaining() / Float.BYTES);
                staging.asFloatBuffer().put(values, off + i, n);
                staging.position(staging.position() + n * Float.BYTES);
                i += n;
                if (!staging.hasRemaining()) {
                    flush();
                }
            }
            floats += len;
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the spill file " + path + " failed: " + e.getMessage(), e);
        }
    }

    private void flush() throws IOException {
        staging.flip();
        while (staging.hasRemaining()) {
            channel.write(staging);
        }
        staging.clear();
    }

    /** Maps everything appended so far; the file is deleted and the mapping stays valid. */
    FloatBuffer map() {
        if (floats * Float.BYTES > Integer.MAX_VALUE) {
            throw new IllegalStateException("A worker's spilled features exceed 2 GiB (" + floats
                    + " floats); use more workers so that each partition is smaller");
        }
        try {
            flush();
            MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, 0, floats * Float.BYTES);
            return m.order(ByteOrder.nativeOrder()).asFloatBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException("Mapping the spill file " + path + " failed: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the mapping (if any) survives; the file is deleted below either way
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit();
        }
    }
}
