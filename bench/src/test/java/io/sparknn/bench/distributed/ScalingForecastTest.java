package io.sparknn.bench.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.bench.distributed.ScalingForecast.Step;
import io.sparknn.bench.distributed.ScalingForecast.Workload;
import io.sparknn.bench.engine.SeedNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cells of the docs/scaling.md table recomputed by hand from the formulas stated there. */
class ScalingForecastTest {
    // Loopback: 50 us per step, 0.5 ns per byte (2 GB/s of CPU per worker); 20 us of wire latency.
    private final ScalingForecast forecast = new ScalingForecast(new RingCostModel(50e-6, 0.5e-9), 20e-6);
    // 235,146 floats = 940,584 bytes; 10 us per sample; 128 samples per worker.
    private final Workload mlp = new Workload("mlp", 235_146, 10e-6, 128);

    @Test
    void seedNetworksHaveTheParameterCountsTheDocQuotes() {
        assertEquals(235_146, SeedNetworks.seed000().paramCount()); // 784*256+256 + 256*128+128 + 128*10+10
        // 1*9*32+32 + 32*9*64+64 + 64*9*64+64 + (3*3*64)*64+64 + 64*10+10
        assertEquals(93_322, SeedNetworks.seed004().paramCount());
    }

    @Test
    void slowLinkSetsThePerByteTerm() {
        // 10 Gb/s: 0.8 ns/B > 0.5 ns/B of CPU. comm = 14 * 70 us + 2*7/8 * 940,584 B * 0.8 ns
        //   = 0.98 ms + 1.3168176 ms = 2.2968176 ms; compute = 128 * 10 us = 1.28 ms.
        Step s = forecast.step(mlp, 8, 10);
        assertEquals(1.28e-3, s.computeSeconds(), 1e-12);
        assertEquals(2.2968176e-3, s.commSeconds(), 1e-12);
        assertEquals(3.5768176e-3, s.stepSeconds(), 1e-12);
        assertEquals(8 * 1.28e-3 / 3.5768176e-3, s.speedup(), 1e-9); // 2.863
        assertEquals(8 * 1.28e-3 / 2.2968176e-3, s.overlappedSpeedup(), 1e-9); // 4.458
        assertEquals(1024, s.globalBatch());
        // ceil(2.2968176 ms / 10 us) = 230 samples per worker
        assertEquals(230 * 8, s.minGlobalBatch());
    }

    @Test
    void fastLinkIsBoundByTheMeasuredCpuCostPerByte() {
        // 100 Gb/s: the wire's 0.08 ns/B is below the CPU's 0.5 ns/B, so 0.5 ns/B applies.
        // p = 64: comm = 126 * 70 us + 2*63/64 * 940,584 * 0.5 ns = 8.82 ms + 0.925887375 ms.
        Step s = forecast.step(mlp, 64, 100);
        assertEquals(0.5e-9, forecast.onLink(100).betaSecondsPerByte(), 0);
        assertEquals(70e-6, forecast.onLink(100).alphaSeconds(), 1e-15);
        assertEquals(9.745887375e-3, s.commSeconds(), 1e-12);
        assertEquals(s.commSeconds(), s.overlappedSeconds(), 0);
    }

    @Test
    void treeAndRingCostTheSameAtTheCrossover() {
        RingCostModel m = forecast.onLink(10); // 70 us, 0.8 ns/B
        // p = 8, L = 3: n = 70 us * (7 - 3) / (0.8 ns * (3 - 7/8)) = 164,705.88 B
        double n = ScalingForecast.treeCrossoverBytes(m, 8);
        assertEquals(280e-6 / (0.8e-9 * 2.125), n, 1e-6);
        assertEquals(m.seconds(8, n), ScalingForecast.treeSeconds(m, 8, n), 1e-12);
        assertTrue(ScalingForecast.treeSeconds(m, 8, n / 2) < m.seconds(8, n / 2));
        assertTrue(ScalingForecast.treeSeconds(m, 8, n * 2) > m.seconds(8, n * 2));
        assertEquals(0, ScalingForecast.treeCrossoverBytes(m, 2), 0); // one hop: same schedule
    }

    @Test
    void twoLevelRingCrossesTheNetworkOnlyBetweenHosts() {
        // 64 workers, 4 per host at 10 Gb/s, 940,584 B: loopback ring over 4 (6 * 50 us +
        // 1.5 * 940,584 * 0.5 ns = 1.005438 ms) + link ring over 16 (30 * 70 us + 1.875 * 940,584 *
        // 0.8 ns = 3.51087600 ms) = 4.516314 ms, against 10.0 ms for the flat ring.
        assertEquals(4.516314e-3, forecast.hierarchicalSeconds(10, 64, 4, 940_584), 1e-9);
        assertTrue(forecast.onLink(10).seconds(64, 940_584) > 9.9e-3);
        assertThrows(IllegalArgumentException.class, () -> forecast.hierarchicalSeconds(10, 10, 4, 1));
    }

    @Test
    void tableHasARowPerNetworkWorkerCountAndLink() {
        String table = ScalingForecastTable.render(forecast, List.of(mlp));
        assertTrue(
                table.contains(
                        "| mlp (235,146, 0.94) | 8 | 10 | 1,024 (128) | 1.28 | 2.30 | 3.58 | 2.9 | 2.30 | 4.5 | 1,840 |"),
                table);
        assertEquals(9, table.lines().filter(l -> l.startsWith("| mlp")).count());
        // p = 8 at 10 Gb/s: ring 2.30 ms; tree 6 * (70 us + 940,584 B * 0.8 ns) = 4.93 ms; two
        // hosts of 4: loopback 6 * 50 us + 1.5 * 940,584 * 0.5 ns = 1.01 ms, plus the 2-worker
        // ring on the link 2 * 70 us + 940,584 * 0.8 ns = 0.89 ms, 1.90 ms in all.
        assertTrue(table.contains("| 10 | 8 | 70.0 | 0.8000 | 165 KB | 2.30 / 4.93 / 1.90 |"), table);
    }
}
