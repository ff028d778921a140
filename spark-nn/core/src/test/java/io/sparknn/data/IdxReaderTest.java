package io.sparknn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.testing.FashionMnistData;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    @Test
    void readsPlainAndGzipFiles(@TempDir Path dir) throws IOException {
        byte[] data = {0, 1, (byte) 255, 7, 8, 9};
        byte[] file = idx(new int[] {2, 3}, data);
        Path plain = dir.resolve("x-idx2-ubyte");
        Files.write(plain, file);
        Path gz = dir.resolve("x-idx2-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(file);
        }
        for (Path p : new Path[] {plain, gz}) {
            IdxReader.Idx idx = IdxReader.read(p);
            assertArrayEquals(new int[] {2, 3}, idx.dims());
            assertArrayEquals(data, idx.data());
        }
    }

    @Test
    void rejectsTruncatedAndForeignFiles(@TempDir Path dir) throws IOException {
        byte[] file = idx(new int[] {4, 4}, new byte[10]); // 16 values promised, 10 present
        Path p = dir.resolve("short");
        Files.write(p, file);
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path q = dir.resolve("foreign");
        Files.write(q, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        e = assertThrows(IOException.class, () -> IdxReader.read(q));
        assertTrue(e.getMessage().contains("is not an unsigned-byte IDX file"), e.getMessage());
    }

    @Test
    void fashionMnistHasTheDocumentedShape() {
        LabeledSamples test = FashionMnistData.test();
        assertEquals(FashionMnistData.TEST_SIZE, test.size());
        assertEquals(784, test.featureSize());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : test.features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        int[] perClass = new int[10];
        for (float y : test.labels()) {
            perClass[(int) y]++;
        }
        // Class counts of the first 1,000 test images (the full test set has 1,000 of each class).
        assertArrayEquals(new int[] {107, 105, 111, 93, 115, 87, 97, 95, 95, 95}, perClass);
    }

    @Test
    void missingFilesNameTheInstallCommand(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> FashionMnist.train(dir));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
    }
}
