package io.sparknn.bench.distributed;

import java.util.List;

/**
 * The time of a ring all-reduce of {@code bytes} over {@code n} workers, as the ring runs it:
 * a reduce-scatter and an all-gather of {@code n-1} steps each, every step sending one
 * {@code bytes/n} chunk to the next worker. So {@code T = 2(n-1)·alpha + 2(n-1)/n·bytes·beta}:
 * {@code alpha} is the fixed cost of one step (latency, system calls, wake-ups), {@code beta}
 * the time per byte on the slowest link (1/bandwidth, including the summing of received chunks).
 *
 * @param alphaSeconds fixed cost of one ring step
 * @param betaSecondsPerByte time per byte sent by one worker in one step
 */
record RingCostModel(double alphaSeconds, double betaSecondsPerByte) {

    /** One measured all-reduce: workers, array bytes, median seconds. */
    record Point(int workers, long bytes, double seconds) {}

    /** Predicted seconds for one all-reduce of {@code bytes} over {@code workers}. */
    double seconds(int workers, double bytes) {
        return steps(workers) * alphaSeconds + wireBytes(workers, bytes) * betaSecondsPerByte;
    }

    /**
     * Least squares fit of alpha and beta on relative errors (each point weighted by 1/T, so
     * 4 KB and 64 MB messages count alike), with both constrained to be non-negative.
     */
    static RingCostModel fit(List<Point> points) {
        if (points.size() < 2) {
            throw new IllegalArgumentException(
                    "fitting two terms needs at least two measurements, got " + points.size());
        }
        double s11 = 0, s12 = 0, s22 = 0, b1 = 0, b2 = 0;
        for (Point p : points) {
            double w = 1 / p.seconds();
            double x1 = steps(p.workers()) * w;
            double x2 = wireBytes(p.workers(), p.bytes()) * w;
            s11 += x1 * x1;
            s12 += x1 * x2;
            s22 += x2 * x2;
            b1 += x1; // y = T·w = 1
            b2 += x2;
        }
        double det = s11 * s22 - s12 * s12;
        double alpha = (b1 * s22 - b2 * s12) / det;
        double beta = (s11 * b2 - s12 * b1) / det;
        if (alpha < 0) {
            return new RingCostModel(0, b2 / s22);
        }
        if (beta < 0) {
            return new RingCostModel(b1 / s11, 0);
        }
        return new RingCostModel(alpha, beta);
    }

    /** The largest |predicted/measured - 1| over the points. */
    double maxRelativeError(List<Point> points) {
        return points.stream()
                .mapToDouble(p -> Math.abs(seconds(p.workers(), p.bytes()) / p.seconds() - 1))
                .max()
                .orElse(0);
    }

    static int steps(int workers) {
        return 2 * (workers - 1);
    }

    static double wireBytes(int workers, double bytes) {
        return 2.0 * (workers - 1) / workers * bytes;
    }
}
