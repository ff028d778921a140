package io.sparknn.ml.inference;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

import java.util.List;

/**
 * The models' {@code nonFiniteOutput} param: what {@code transform} does with a row whose network
 * output is NaN or infinite (finite features far outside the training range can overflow the
 * float arithmetic). Named and documented like MLlib's {@code handleInvalid}, with {@code "error"}
 * as default so that NaN probabilities are never written silently.
 */
public final class NonFiniteOutput {
    /** Fail the task, naming the row, the output and the fix. */
    public static final String ERROR = "error";
    /** Give the row null in every prediction column; other columns are kept. */
    public static final String NULL = "null";

    private NonFiniteOutput() {
    }

    /** The param, owned by {@code model}; the model sets the default {@link #ERROR}. */
    public static Param<String> param(Params model) {
        return new Param<>(model, "nonFiniteOutput", "what transform does with a row whose network output is NaN "
                + "or infinite: '" + ERROR + "' (default) fails naming the row, '" + NULL + "' gives the row null "
                + "prediction columns", ParamValidators.inArray(List.of(ERROR, NULL)));
    }

    /** Whether {@code value} asks for null prediction columns. */
    public static boolean nulls(String value) {
        return NULL.equals(value);
    }
}
