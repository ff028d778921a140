package io.sparknn.ml;

import io.sparknn.nn.NetworkSpec;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * What every fitted spark-nn model offers besides its Spark base class: the network and its
 * weights, the training summary and the scoring params. Code that handles classifiers and
 * regressors alike (jobs, reports) works through this instead of testing for each class.
 */
public interface NeuralNetworkModel extends Params {

    /** The network, its weights and the training summary. */
    NetworkModelData data();

    /** Rows scored together in one batch of GEMMs by {@code transform}. */
    IntParam inferenceBatchSize();

    /** What transform does with a row whose output is NaN or infinite: "error" (default) or "null". */
    Param<String> nonFiniteOutput();

    default NetworkSpec network() {
        return data().spec();
    }

    default TrainingSummary summary() {
        return data().summary();
    }

    default int getInferenceBatchSize() {
        return (Integer) getOrDefault(inferenceBatchSize());
    }

    default String getNonFiniteOutput() {
        return getOrDefault(nonFiniteOutput());
    }
}
