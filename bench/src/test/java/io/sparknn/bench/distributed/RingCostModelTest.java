package io.sparknn.bench.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparknn.bench.distributed.RingCostModel.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingCostModelTest {
    private static List<Point> measured(RingCostModel truth, double noise) {
        List<Point> points = new ArrayList<>();
        int i = 0;
        for (int n : new int[] {2, 3, 4}) {
            for (long bytes : new long[] {4_096, 262_144, 4_194_304, 67_108_864}) {
                double sign = (i++ % 2 == 0) ? 1 : -1;
                points.add(new Point(n, bytes, truth.seconds(n, bytes) * (1 + sign * noise)));
            }
        }
        return points;
    }

    @Test
    void recoversTheTermsOfExactMeasurements() {
        RingCostModel truth = new RingCostModel(40e-6, 1 / 1.2e9);
        RingCostModel fit = RingCostModel.fit(measured(truth, 0));
        assertEquals(truth.alphaSeconds(), fit.alphaSeconds(), 1e-12);
        assertEquals(truth.betaSecondsPerByte(), fit.betaSecondsPerByte(), 1e-18);
        assertEquals(0, fit.maxRelativeError(measured(truth, 0)), 1e-9);
    }

    @Test
    void staysCloseUnderNoiseAndReportsIt() {
        RingCostModel truth = new RingCostModel(40e-6, 1 / 1.2e9);
        List<Point> noisy = measured(truth, 0.1);
        RingCostModel fit = RingCostModel.fit(noisy);
        assertEquals(truth.alphaSeconds(), fit.alphaSeconds(), 0.15 * truth.alphaSeconds());
        assertEquals(truth.betaSecondsPerByte(), fit.betaSecondsPerByte(), 0.15 * truth.betaSecondsPerByte());
        assertEquals(0.1, fit.maxRelativeError(noisy), 0.06);
    }

    @Test
    void latencyOnlyDataGivesNoNegativeBandwidthTerm() {
        List<Point> flat = List.of(new Point(2, 4_096, 1e-3), new Point(2, 8_192, 0.9e-3), new Point(4, 4_096, 3e-3));
        RingCostModel fit = RingCostModel.fit(flat);
        assertEquals(0, fit.betaSecondsPerByte(), 0);
        assertEquals(0.5e-3, fit.alphaSeconds(), 0.05e-3);
    }

    @Test
    void refusesASinglePoint() {
        assertThrows(IllegalArgumentException.class, () -> RingCostModel.fit(List.of(new Point(2, 4_096, 1e-3))));
    }
}
