package io.sparknn.bench.engine;

import io.sparknn.model.ModelFile;
import io.sparknn.model.ModelFileContents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Prints how long a 10M-weight model file takes to write and read, through memory and through
 * a file. Not a bench command (no RESULT line); run after any {@code bin/spark-nn bench ...} has
 * built this module with
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/launcher-classpath.txt) \
 *     io.sparknn.bench.engine.ModelFileBenchmark [weightCount] [directory]
 * </pre>
 */
public final class ModelFileBenchmark {
    private ModelFileBenchmark() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
        float[] weights = new float[n];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        ModelFileContents contents = ModelFileContents.builder("{}", weights).build();
        Path file = dir.resolve("model-file-benchmark.spnn");
        try {
            for (int round = 1; round <= 3; round++) {
                long t0 = System.nanoTime();
                ByteArrayOutputStream out = new ByteArrayOutputStream(4 * n + 64);
                ModelFile.write(out, contents);
                long t1 = System.nanoTime();
                ModelFile.read(new ByteArrayInputStream(out.toByteArray()));
                long t2 = System.nanoTime();
                ModelFile.write(file, contents);
                long t3 = System.nanoTime();
                ModelFile.read(file);
                long t4 = System.nanoTime();
                System.out.printf(
                        "round %d, %,d weights (%.1f MB): memory write %d ms, read %d ms; "
                                + "file write+fsync %d ms, read %d ms%n",
                        round, n, 4e-6 * n, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
