package io.sparknn.jobs.demo;

import io.sparknn.data.FashionMnist;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the demo's Fashion-MNIST comes from: the full dataset when installed, else the subset
 * shipped in the jar (first 6,000 training and 1,000 test images, MIT licence notice beside it).
 */
public final class DemoData {
    static final String SUBSET = "/io/sparknn/jobs/demo/fashion-mnist-subset/";
    private static final String[] FILES = {
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz"
    };

    private DemoData() {}

    /** A directory with the four IDX files, and whether it is the full dataset. */
    public record Source(Path dir, boolean full) {}

    public static Source locate(Path installed, Path scratch) throws IOException {
        if (FashionMnist.isPresent(installed)) {
            return new Source(installed, true);
        }
        Path dir = Files.createDirectories(scratch.resolve("fashion-mnist-subset"));
        for (String f : FILES) {
            try (InputStream in = DemoData.class.getResourceAsStream(SUBSET + f)) {
                if (in == null) {
                    throw new IOException("The packaged Fashion-MNIST subset is missing " + SUBSET + f);
                }
                Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new Source(dir, false);
    }
}
