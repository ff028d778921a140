package io.sparknn.testing;

import io.sparknn.data.FashionMnist;
import io.sparknn.data.LabeledSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Fashion-MNIST subset the repository ships in {@code data/fashion-mnist-subset} (the first
 * 6,000 training and 1,000 test images, MIT licence), loaded once per JVM. Tests never read the
 * full dataset, so they pass, and give the same figures, on a machine that does not have it.
 * The build passes the folder as {@code -Dsparknn.fashionMnist}; run from an IDE, it is found
 * by walking up from the working directory.
 */
public final class FashionMnistData {
    public static final int TRAIN_SIZE = 6_000;
    public static final int TEST_SIZE = 1_000;
    private static final String SUBSET = "data/fashion-mnist-subset";
    private static LabeledSamples train;
    private static LabeledSamples test;

    private FashionMnistData() {}

    public static Path dir() {
        String configured = System.getProperty("sparknn.fashionMnist");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(SUBSET))) {
                return d.resolve(SUBSET);
            }
        }
        throw new IllegalStateException(
                "Cannot find " + SUBSET + " above " + Path.of("").toAbsolutePath()
                        + "; run the tests from the repository or set -Dsparknn.fashionMnist=<that folder>");
    }

    public static synchronized LabeledSamples train() {
        if (train == null) {
            train = load("train");
        }
        return train;
    }

    public static synchronized LabeledSamples test() {
        if (test == null) {
            test = load("t10k");
        }
        return test;
    }

    private static LabeledSamples load(String split) {
        try {
            return FashionMnist.load(dir(), split);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
