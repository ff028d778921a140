package io.sparknn.ml.inference;

import io.sparknn.tensor.Finiteness;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

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

    private NonFiniteOutput() {}

    /** The param, owned by {@code model}; the model sets the default {@link #ERROR}. */
    public static Param<String> param(Params model) {
        return new Param<>(
                model,
                "nonFiniteOutput",
                "what transform does with a row whose network output is NaN "
                        + "or infinite: '" + ERROR + "' (default) fails naming the row, '" + NULL
                        + "' gives the row null "
                        + "prediction columns",
                ParamValidators.inArray(List.of(ERROR, NULL)));
    }

    /** Whether {@code value} asks for null prediction columns. */
    public static boolean nulls(String value) {
        return NULL.equals(value);
    }

    /**
     * For the models' single-row {@code predict}: throws {@link #error} if an output is not
     * finite, unless {@code value} is {@link #NULL}, where the caller gets the non-finite value as it is
     * (a double cannot be null).
     */
    public static void check(float[] out, String value) {
        int bad = Finiteness.firstNonFinite(out);
        if (bad >= 0 && !nulls(value)) {
            throw error(bad, out[bad], "these features");
        }
    }

    /** The error for output {@code index} being {@code value} for {@code row} (e.g. "row 17 of partition 3"). */
    static IllegalStateException error(int index, float value, String row) {
        return new IllegalStateException("The network's output " + index + " is " + value + " for " + row
                + ": the model does not give a finite prediction for these features, usually because they are far "
                + "outside the range it was trained on (scaled differently, or extreme values). Check the features' "
                + "scale, or set the model's nonFiniteOutput param to '" + NULL
                + "' to give such rows null predictions.");
    }
}
