package io.sparknn.sparkio.compat;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Spark ML's {@code metadata/} part of a saved stage: the Spark 3.5 build of this class, where
 * DefaultParamsWriter/Reader take the SparkContext (Spark 4 deprecates that for the SparkSession
 * and writes the file through it, as {@code part-00000-<uuid>.txt} instead of {@code part-00000}).
 */
public final class ParamsMetadata {
    private ParamsMetadata() {}

    public static void save(Params stage, String path, SparkSession spark) {
        DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, spark.sparkContext(), Option.empty(), Option.empty());
    }

    public static DefaultParamsReader.Metadata load(String path, SparkSession spark) {
        return DefaultParamsReader$.MODULE$.loadMetadata(path, spark.sparkContext(), "");
    }
}
