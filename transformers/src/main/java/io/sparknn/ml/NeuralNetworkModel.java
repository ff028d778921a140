package io.sparknn.ml;

import io.sparknn.nn.NetworkSpec;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * What every fitted spark-nn model offers besides its Spark base class: the network and its
 * weights, the training summary and the scoring params (public param methods, which Spark finds
 * by reflection, with getters and fluent setters returning the model's own type). Code that
 * handles classifiers and regressors alike (jobs, reports) works through this instead of testing
 * for each class.
 *
 * @param <M> the model
 */
@SuppressWarnings("unchecked")
public interface NeuralNetworkModel<M extends NeuralNetworkModel<M>> extends Params {

    /** The owner's shared part: params, data, scoring. */
    FittedNetwork fitted();

    /** The network, its weights and the training summary. */
    default LearnedNetwork data() {
        return fitted().data();
    }

    default NetworkSpec network() {
        return data().spec();
    }

    default TrainingSummary summary() {
        return data().summary();
    }

    /** Rows scored together in one batch of GEMMs by {@code transform}. */
    default IntParam inferenceBatchSize() {
        return fitted().inferenceBatchSize();
    }

    default int getInferenceBatchSize() {
        return (Integer) getOrDefault(inferenceBatchSize());
    }

    default M setInferenceBatchSize(int value) {
        return (M) set(inferenceBatchSize(), value);
    }

    /** What transform does with a row whose output is NaN or infinite: "error" (default) or "null". */
    default Param<String> nonFiniteOutput() {
        return fitted().nonFiniteOutput();
    }

    default String getNonFiniteOutput() {
        return getOrDefault(nonFiniteOutput());
    }

    default M setNonFiniteOutput(String value) {
        return (M) set(nonFiniteOutput(), value);
    }
}
