package io.sparknn.testing;

import io.sparknn.data.Dataset;
import io.sparknn.data.FashionMnist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Fashion-MNIST for tests, loaded once per JVM. Missing files fail the test with the install
 * command (CI installs the package; a skipped test would hide the gap).
 */
public final class FashionMnistData {
    private static Dataset train;
    private static Dataset test;

    private FashionMnistData() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("sparknn.fashionMnist", FashionMnist.DEFAULT_DIR));
    }

    public static synchronized Dataset train() {
        if (train == null) {
            train = load("train");
        }
        return train;
    }

    public static synchronized Dataset test() {
        if (test == null) {
            test = load("t10k");
        }
        return test;
    }

    private static Dataset load(String split) {
        try {
            return FashionMnist.load(dir(), split);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
