package io.sparknn.jobs.modelimport;

import io.sparknn.jobs.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The formats the import job reads, chosen by file extension: Keras and ONNX, built in, and any
 * {@link ModelFormat} registered as a service ({@code META-INF/services}) by a module on the
 * classpath.
 */
final class ModelFormats {
    private ModelFormats() {}

    static List<ModelFormat> available() {
        List<ModelFormat> formats = new ArrayList<>();
        formats.add(new KerasFormat());
        formats.add(new OnnxFormat());
        ServiceLoader.load(ModelFormat.class).forEach(formats::add);
        return formats;
    }

    /** The format reading {@code fileName}, or a usage error naming the supported extensions. */
    static ModelFormat forFile(String fileName, List<ModelFormat> formats) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (ModelFormat f : formats) {
            for (String ext : f.extensions()) {
                if (lower.endsWith(ext)) {
                    return f;
                }
            }
        }
        List<String> supported =
                formats.stream().flatMap(f -> f.extensions().stream()).toList();
        throw new ConfigException("--from '" + fileName + "' has an extension no importer reads. Supported: "
                + supported + " (Keras: save with model.save(\"model.keras\")).");
    }
}
