package io.sparknn.ml.persistence;

import io.sparknn.ml.LearnedNetwork;
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
public final class NetworkModelPersistence {
    private NetworkModelPersistence() {}

    public static MLWriter writer(Params model, LearnedNetwork data) {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                StageMetadata.save(model, path, sparkSession());
                try {
                    HadoopModelFile.write(data.toSaved(), path, sc().hadoopConfiguration());
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "Could not write the model data to " + path + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** A reader that builds the model with {@code factory(uid, data)} and then sets the saved params. */
    public static <M extends Params> MLReader<M> reader(Class<M> type, BiFunction<String, LearnedNetwork, M> factory) {
        return new MLReader<>() {
            @Override
            public M load(String path) {
                StageMetadata m = StageMetadata.load(path, sparkSession(), type);
                M model = factory.apply(m.uid(), StageMetadata.data(path, sparkSession()));
                m.applyParams(model);
                return model;
            }
        };
    }
}
