package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.regression.NeuralNetworkRegressionModel;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.Test;

/** Both models through the interface jobs use: same params, same data access, same errors. */
class NeuralNetworkModelTest {

    private static LearnedNetwork data(int outputs, Activation head) {
        NetworkSpec spec = NetworkSpec.builder(3).dense(outputs, head).build();
        TrainingSummary summary = new TrainingSummary(List.of(), Map.of("table", "/delta/t"));
        return new LearnedNetwork(spec, new float[(int) spec.paramCount()], summary);
    }

    @Test
    void bothModelsDeclareTheScoringParamsOnThemselvesWithTheirDefaults() {
        LearnedNetwork d = data(1, Activation.SIGMOID);
        for (NeuralNetworkModel<?> m :
                List.of(new NeuralNetworkClassificationModel("c1", d), new NeuralNetworkRegressionModel("r1", d))) {
            assertEquals(512, m.getInferenceBatchSize());
            assertEquals("error", m.getNonFiniteOutput());
            for (String name : List.of("inferenceBatchSize", "nonFiniteOutput")) {
                Param<?> p = m.getParam(name);
                assertEquals(m.uid(), p.parent(), name);
                assertEquals(
                        1,
                        Arrays.stream(m.params())
                                .filter(q -> q.name().equals(name))
                                .count(),
                        name);
            }
            assertSame(d.summary(), m.summary());
            assertSame(d.spec(), m.network());
        }
        NeuralNetworkRegressionModel r = new NeuralNetworkRegressionModel("r2", d).setInferenceBatchSize(7);
        assertEquals(7, r.getInferenceBatchSize());
        assertEquals(7, r.copy(ParamMap.empty()).getInferenceBatchSize());
    }

    @Test
    void anEmptyModelSaysWhichClassLoadsIt() {
        IllegalStateException c =
                assertThrows(IllegalStateException.class, () -> new NeuralNetworkClassificationModel("c2").data());
        assertEquals(
                "Model c2 has no network; load it with NeuralNetworkClassificationModel.load(path)", c.getMessage());
        IllegalStateException r =
                assertThrows(IllegalStateException.class, () -> new NeuralNetworkRegressionModel("r3").summary());
        assertEquals("Model r3 has no network; load it with NeuralNetworkRegressionModel.load(path)", r.getMessage());
    }

    @Test
    void rawToProbabilityUsesSoftmaxOrTheSigmoidUnit() {
        NeuralNetworkClassificationModel softmax =
                new NeuralNetworkClassificationModel("c3", data(3, Activation.SOFTMAX));
        Vector p = softmax.raw2probabilityInPlace(Vectors.dense(0, Math.log(2), Math.log(5)));
        assertArrayEquals(new double[] {1 / 8.0, 2 / 8.0, 5 / 8.0}, p.toArray(), 1e-15);

        NeuralNetworkClassificationModel sigmoid =
                new NeuralNetworkClassificationModel("c4", data(1, Activation.SIGMOID));
        Vector q = sigmoid.raw2probabilityInPlace(Vectors.dense(-Math.log(3), Math.log(3)));
        assertArrayEquals(new double[] {0.25, 0.75}, q.toArray(), 1e-15);
    }
}
