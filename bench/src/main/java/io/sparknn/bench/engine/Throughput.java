package io.sparknn.bench.engine;

import io.sparknn.train.EpochStats;
import java.util.List;

/**
 * The two throughput figures of a RESULT line: samples per second over all epochs (samples over
 * the summed epoch times, so evaluation and start-up are excluded) and the best single epoch.
 */
record Throughput(double average, double bestEpoch) {
    static Throughput of(List<EpochStats> history) {
        double seconds = history.stream().mapToDouble(EpochStats::seconds).sum();
        long samples = history.stream().mapToLong(EpochStats::samples).sum();
        double best =
                history.stream().mapToDouble(EpochStats::samplesPerSecond).max().orElse(Double.NaN);
        return new Throughput(samples / seconds, best);
    }
}
