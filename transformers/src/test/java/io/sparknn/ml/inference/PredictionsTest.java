package io.sparknn.ml.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PredictionsTest {

    @Test
    void softmaxMatchesTheDefinitionAndSurvivesLargeLogits() {
        double[] p = new double[3];
        Predictions.softmax(new double[] {1, 2, 3}, p);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z}, p, 1e-15);

        // Shifted by the max: exp(1000) alone would overflow to infinity and give NaN.
        double[] raw = {1000, 1000};
        Predictions.softmax(raw, raw);
        assertArrayEquals(new double[] {0.5, 0.5}, raw, 0);
    }

    @Test
    void sigmoidGivesBothClassProbabilities() {
        double[] p = new double[2];
        Predictions.sigmoid(0, p);
        assertArrayEquals(new double[] {0.5, 0.5}, p, 0);
        Predictions.sigmoid(-2, p);
        assertEquals(1 / (1 + Math.exp(2)), p[1], 1e-15);
        assertEquals(1 - p[1], p[0], 0);
        Predictions.sigmoid(-800, p);
        assertArrayEquals(new double[] {1, 0}, p, 0);
    }
}
