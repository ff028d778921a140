package io.sparknn.jobs.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparknn.jobs.ConfigException;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The estimator section sets real Spark params by name, typed and validated. */
class EstimatorParamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void setsTypedParamsAndPassesStructuredValuesAsJson() throws Exception {
        NeuralNetworkClassifier c = new NeuralNetworkClassifier();
        EstimatorParams.apply(
                c,
                values("{\"learningRate\": 0.01, \"maxEpochs\": 7, \"seed\": 42, \"frozenLayers\": [0, 2],"
                        + "\"optimizer\": {\"name\": \"adam\", \"beta1\": 0.8}, \"network\": {\"inputShape\": [4], \"layers\":"
                        + "[{\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}]}}"),
                "estimator");
        assertEquals(0.01, c.getLearningRate());
        assertEquals(7, c.getMaxEpochs());
        assertEquals(42L, c.getSeed());
        assertArrayEquals(new int[] {0, 2}, c.getFrozenLayers());
        assertEquals(0.8, JSON.readTree(c.getOptimizer()).get("beta1").asDouble());
        assertEquals(
                3,
                JSON.readTree(c.getNetwork()).get("layers").get(0).get("units").asInt());
    }

    @Test
    void unknownParamWrongTypeAndInvalidValueNameTheKey() throws Exception {
        String m = error("{\"learningrate\": 0.1}");
        assertTrue(m.contains("'estimator.learningrate'") && m.contains("learningRate"), m);
        m = error("{\"maxEpochs\": \"abc\"}");
        assertTrue(m.contains("'estimator.maxEpochs' must be an integer, got \"abc\""), m);
        m = error("{\"maxEpochs\": 2.5}");
        assertTrue(m.contains("'estimator.maxEpochs' must be an integer"), m);
        m = error("{\"learningRate\": -1}");
        assertTrue(m.contains("'estimator.learningRate' has the invalid value -1") && m.contains("> 0"), m);
    }

    @Test
    void nonFiniteNumbersAndBadOptimizerOrNetworkSettingsAreConfigErrors() throws Exception {
        Map<String, JsonNode> inf = new java.util.LinkedHashMap<>();
        inf.put(
                "learningRate",
                new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                        .readTree("a: 1e999")
                        .get("a"));
        String m = assertThrows(
                        ConfigException.class,
                        () -> EstimatorParams.apply(new NeuralNetworkClassifier(), inf, "estimator"))
                .getMessage();
        assertTrue(m.contains("'estimator.learningRate' must be a finite number, got Infinity"), m);
        m = error("{\"optimizer\": {\"name\": \"adam\", \"beta1\": -5}}");
        assertTrue(m.contains("'estimator.optimizer' is not valid") && m.contains("beta1") && m.contains("-5"), m);
        m = error("{\"optimizer\": \"adamm\"}");
        assertTrue(m.contains("'estimator.optimizer' is not valid") && m.contains("adamm"), m);
        m = error("{\"network\": {\"inputShape\": [4], \"layers\": [{\"type\": \"Dense\", \"units\": 0}]}}");
        assertTrue(m.contains("'estimator.network' is not valid"), m);
    }

    private static String error(String json) throws Exception {
        Map<String, JsonNode> v = values(json);
        return assertThrows(
                        ConfigException.class,
                        () -> EstimatorParams.apply(new NeuralNetworkClassifier(), v, "estimator"))
                .getMessage();
    }

    private static Map<String, JsonNode> values(String json) throws Exception {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        JSON.readTree(json).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}
