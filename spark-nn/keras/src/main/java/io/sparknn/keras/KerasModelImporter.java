package io.sparknn.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.sparknn.model.SavedNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a Keras model into a spark-nn {@link SavedNetwork}: spec, weights and BatchNormalization
 * running statistics, ready to score or to fine-tune. Two formats, told apart by their bytes:
 * a Keras 3 archive ({@code .keras}: a zip of {@code config.json} and {@code model.weights.h5})
 * and a legacy HDF5 file ({@code .h5}: a {@code model_config} attribute and a
 * {@code model_weights} group).
 *
 * <p>Sequential models, and functional models that are a single chain of layers, whose layers
 * the engine has: Dense, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D,
 * GlobalMaxPooling2D, Flatten, Reshape, BatchNormalization, Dropout, Embedding, LSTM, GRU,
 * GlobalAveragePooling1D, Activation, ReLU, LeakyReLU, Softmax. Anything else, or a setting the
 * engine computes differently, is a {@link KerasImportException} naming the layer.
 *
 * <p>Layouts: Keras images are channels last, the engine's channels first. An imported image
 * model takes samples of shape {@code [channels, height, width]}: a feature vector holds the
 * image channel by channel (for one channel, the same order as Keras' flattened image; for
 * {@code H x W x C} Keras arrays, {@code x.transpose(2, 0, 1).flatten()}). Conv kernels are
 * transposed and the first Dense layer after a Flatten gets its rows reordered, so outputs equal
 * Keras' for the same image.
 */
public final class KerasModelImporter {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasModelImporter() {}

    /** Whether {@code file}'s name ends in {@code .keras} or {@code .h5}/{@code .hdf5}. */
    public static boolean handles(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".keras") || n.endsWith(".h5") || n.endsWith(".hdf5");
    }

    /**
     * The network of a {@code .keras} or {@code .h5} file.
     *
     * @throws KerasImportException the file is not a Keras model, is damaged, or has a layer or
     *                              setting spark-nn does not compute; the message names it
     * @throws IOException          the file cannot be read
     */
    public static SavedNetwork read(Path file) throws IOException {
        String source = file.toString();
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, n, ZIP_MAGIC)) {
            return readArchive(file, source);
        }
        if (startsWith(head, n, HDF5_MAGIC)) {
            return readLegacy(file, source);
        }
        throw new KerasImportException(source + " is neither a Keras 3 archive (.keras, a zip file) nor a Keras "
                + "HDF5 file (.h5): its first bytes are not a zip or HDF5 signature. Save the model with "
                + "model.save(\"model.keras\") and import that file.");
    }

    private static SavedNetwork readArchive(Path file, String source) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String config = new String(entry(zip, "config.json", source), java.nio.charset.StandardCharsets.UTF_8);
            ModelConfig model = ModelConfig.parse(config, source);
            byte[] weights = entry(zip, "model.weights.h5", source);
            try (HdfFile hdf = HdfFile.fromBytes(weights)) {
                return assemble(model, new ArchiveWeights(hdf, source), source);
            } catch (HdfException e) {
                throw damaged(source + " (model.weights.h5)", e);
            }
        } catch (ZipException e) {
            throw damaged(source, e);
        }
    }

    private static byte[] entry(ZipFile zip, String name, String source) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new KerasImportException(source + " is a zip file without " + name + ", so not a Keras 3 model "
                    + "archive. Save the model with model.save(\"model.keras\") (not save_weights).");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static SavedNetwork readLegacy(Path file, String source) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            String[] config = HdfArrays.strings(hdf, "model_config");
            Node weights = hdf.getChild("model_weights");
            if (config == null || config.length != 1 || !(weights instanceof Group group)) {
                throw new KerasImportException(source + " is an HDF5 file without a Keras model_config attribute "
                        + "and model_weights group: a weights-only file, or not from Keras. Save the whole model "
                        + "with model.save(\"model.h5\") or, better, model.save(\"model.keras\").");
            }
            return assemble(ModelConfig.parse(config[0], source), new LegacyWeights(group, source), source);
        } catch (HdfException e) {
            throw damaged(source, e);
        }
    }

    private static SavedNetwork assemble(ModelConfig model, WeightSource weights, String source)
            throws KerasImportException {
        NetworkAssembler net = new NetworkAssembler(model.inputShape(), source);
        net.useWeights(weights);
        for (KerasLayer layer : model.layers()) {
            KerasLayers.convert(layer, net);
        }
        return net.finish();
    }

    private static KerasImportException damaged(String source, Exception e) {
        return new KerasImportException(
                source + " cannot be read: " + e.getMessage() + ". The file is truncated or corrupted; save the "
                        + "model again.",
                e);
    }

    private static boolean startsWith(byte[] head, int n, byte[] magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
