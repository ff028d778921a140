package io.sparknn.ml.persistence;

import io.sparknn.ml.NetworkModelData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * The writer and reader every network model uses: Spark's metadata plus the model file, with
 * the class checked on load so a foreign directory fails clearly.
 */
public final class NetworkModelIO {
    private NetworkModelIO() {}

    public static MLWriter writer(Params model, NetworkModelData data) {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                ModelMetadata.save(model, path, sc());
                try {
                    ModelData.write(data.toSaved(), path, sc().hadoopConfiguration());
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "Could not write the model data to " + path + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** A reader that builds the model with {@code factory(uid, data)} and then sets the saved params. */
    public static <M extends Params> MLReader<M> reader(
            Class<M> type, BiFunction<String, NetworkModelData, M> factory) {
        return new MLReader<>() {
            @Override
            public M load(String path) {
                ModelMetadata m = ModelMetadata.load(path, sc(), type);
                M model = factory.apply(m.uid(), ModelMetadata.data(path, sc()));
                m.applyParams(model);
                return model;
            }
        };
    }
}
