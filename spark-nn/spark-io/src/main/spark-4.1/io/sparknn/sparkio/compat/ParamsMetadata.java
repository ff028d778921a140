package io.sparknn.sparkio.compat;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Spark ML's {@code metadata/} part of a saved stage: the Spark 4.1 build of this class, on the
 * SparkSession overloads of DefaultParamsWriter/Reader (Spark 3.5 has only the SparkContext ones,
 * which Spark 4 deprecates). Spark 4 writes the file as {@code part-00000-<uuid>.txt}.
 */
public final class ParamsMetadata {
    private ParamsMetadata() {}

    public static void save(Params stage, String path, SparkSession spark) {
        DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, spark, Option.empty(), Option.empty());
    }

    public static DefaultParamsReader.Metadata load(String path, SparkSession spark) {
        return DefaultParamsReader$.MODULE$.loadMetadata(path, spark, "");
    }
}
