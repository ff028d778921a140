package io.sparknn.data;

import io.sparknn.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Zalando, MIT licence) from its IDX files, as installed by the Debian package
 * {@code dataset-fashion-mnist} in {@value #DEFAULT_DIR}. Pixels are scaled to [0, 1]; labels
 * are class indices 0..9.
 */
public final class FashionMnist {
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    public static final int CLASSES = 10;

    private FashionMnist() {}

    /** The 60,000 training images. */
    public static LabeledSamples train(Path dir) throws IOException {
        return load(dir, "train");
    }

    /** The 10,000 test images. */
    public static LabeledSamples test(Path dir) throws IOException {
        return load(dir, "t10k");
    }

    /** {@code true} when the four IDX files are present in {@code dir}. */
    public static boolean isPresent(Path dir) {
        return Files.exists(file(dir, "train", "images")) && Files.exists(file(dir, "t10k", "labels"));
    }

    /** Loads the {@code train} or {@code t10k} split with flat {@code [784]} samples. */
    public static LabeledSamples load(Path dir, String split) throws IOException {
        Path images = file(dir, split, "images");
        Path labelsFile = file(dir, split, "labels");
        if (!Files.exists(images) || !Files.exists(labelsFile)) {
            throw new IOException(
                    "Fashion-MNIST files not found in " + dir + " (looked for " + images.getFileName() + " and "
                            + labelsFile.getFileName() + "). Install them with: apt-get install dataset-fashion-mnist");
        }
        IdxReader.Idx img = IdxReader.read(images);
        IdxReader.Idx lab = IdxReader.read(labelsFile);
        if (img.dims().length != 3 || lab.dims().length != 1 || img.dims()[0] != lab.dims()[0]) {
            throw new IOException("Fashion-MNIST " + split + ": image dims " + java.util.Arrays.toString(img.dims())
                    + " do not match label dims " + java.util.Arrays.toString(lab.dims()));
        }
        int n = img.dims()[0];
        int pixels = img.dims()[1] * img.dims()[2];
        float[] x = new float[n * pixels];
        byte[] raw = img.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = (raw[i] & 0xff) / 255f;
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = lab.data()[i] & 0xff;
        }
        return new LabeledSamples(x, Shape.of(pixels), y, 1, null);
    }

    private static Path file(Path dir, String split, String kind) {
        Path gz = dir.resolve(split + "-" + kind + "-idx" + (kind.equals("images") ? 3 : 1) + "-ubyte.gz");
        if (Files.exists(gz)) {
            return gz;
        }
        return dir.resolve(split + "-" + kind + "-idx" + (kind.equals("images") ? 3 : 1) + "-ubyte");
    }
}
