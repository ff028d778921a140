package io.sparknn.ml.training;

import io.sparknn.loss.Loss;
import io.sparknn.ml.LearnedNetwork;
import io.sparknn.nn.NetworkSpec;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * What the classifier and the regressor share on top of their Spark base classes (which MLlib's
 * tuning needs, so they cannot share a superclass): the training params, the input checks and
 * the fit. Each estimator adds only its task, its loss and how labels must match the outputs.
 *
 * @param <T> the estimator
 */
public interface NeuralNetworkEstimator<T extends NeuralNetworkEstimator<T>> extends HasTrainingParams<T> {

    /** Spark's features column; the Predictor base class implements it. */
    String getFeaturesCol();

    /** Spark's label column; the Predictor base class implements it. */
    String getLabelCol();

    /** Checks the input columns for {@code task} before any Spark job runs. */
    default void checkInputSchema(StructType schema, InputValidator.Task task) {
        InputValidator.checkSchema(
                schema, getFeaturesCol(), getLabelCol(), getWeightCol(), getValidationIndicatorCol(), task);
    }

    /**
     * Trains the network param on {@code dataset} after all checks.
     *
     * @param loss         the loss for the parsed network (may reject a network unfit for the task)
     * @param checkTargets compares the validated label facts with the network's outputs
     */
    default LearnedNetwork fitNetwork(
            Dataset<?> dataset,
            InputValidator.Task task,
            Function<NetworkSpec, Loss> loss,
            BiConsumer<NetworkSpec, InputValidator.Facts> checkTargets) {
        NetworkSpec spec = NetworkFitter.network(this);
        return NetworkFitter.fit(
                dataset, this, spec, getFeaturesCol(), getLabelCol(), task, loss.apply(spec), checkTargets);
    }
}
