package io.sparknn.bench.distributed;

/**
 * Step time of synchronous data-parallel SGD on a cluster that was never run, predicted from
 * numbers that were measured: the ring's cost terms on loopback ({@code bench allreduce}) and one
 * worker's compute time per sample ({@code bench mlp|cnn --threads 1}).
 *
 * <p>On a real network a ring step costs the software latency measured on loopback plus the
 * network's own one-way latency ({@code wireAlphaSeconds}, an assumption). Per byte, the
 * streamed ring copies, sends and adds a piece while the next one is on the wire, so the slower
 * of the CPU (the loopback per-byte term, where no NIC limits) and the link sets the pace:
 * {@code beta = max(betaLoopback, 8 / link bits per second)}.
 *
 * @param loopback the ring cost fitted on this host's loopback
 * @param wireAlphaSeconds one-way network latency added to every ring step
 */
record ScalingForecast(RingCostModel loopback, double wireAlphaSeconds) {

    /** A network to train: gradient floats, one worker's seconds per sample, batch per worker. */
    record Workload(String name, long params, double secondsPerSample, int perWorkerBatch) {
        long gradientBytes() {
            return params * Float.BYTES;
        }
    }

    /**
     * One predicted training step. {@code stepSeconds} runs compute then communication;
     * {@code overlappedSeconds} is the bound max(compute, comm) when the reduce-scatter runs
     * under the backward pass. Speedups are against one worker on the same global batch.
     */
    record Step(
            Workload workload,
            int workers,
            double linkGbps,
            double computeSeconds,
            double commSeconds,
            double stepSeconds,
            double overlappedSeconds,
            double speedup,
            double overlappedSpeedup,
            long minGlobalBatch) {
        int globalBatch() {
            return workers * workload.perWorkerBatch();
        }
    }

    /** The ring cost on a link of {@code gbps} (10^9 bits per second). */
    RingCostModel onLink(double gbps) {
        double wireBeta = 8 / (gbps * 1e9);
        return new RingCostModel(
                loopback.alphaSeconds() + wireAlphaSeconds, Math.max(loopback.betaSecondsPerByte(), wireBeta));
    }

    /** The step of {@code w} over {@code workers} workers on a {@code gbps} link. */
    Step step(Workload w, int workers, double gbps) {
        double compute = w.perWorkerBatch() * w.secondsPerSample();
        double comm = onLink(gbps).seconds(workers, w.gradientBytes());
        double serial = compute + comm;
        double overlapped = Math.max(compute, comm);
        double single = (double) workers * w.perWorkerBatch() * w.secondsPerSample();
        // Communication does not depend on the batch, so compute catches up with it at
        // per-worker batch comm / secondsPerSample.
        long minGlobal = (long) Math.ceil(comm / w.secondsPerSample()) * workers;
        return new Step(
                w, workers, gbps, compute, comm, serial, overlapped, single / serial, single / overlapped, minGlobal);
    }

    /**
     * A two-level all-reduce with {@code perHost} workers on each host: the ring among a host's
     * workers on loopback, around the ring among the hosts on the link (reduce-scatter inside the
     * host, one ring per local rank across hosts, all-gather inside the host; the loopback cost
     * stands for both intra-host halves, and the cross-host term is taken as if one worker moved
     * all the bytes, which overstates the CPU share). Only 2(p/perHost - 1) steps cross the network.
     */
    double hierarchicalSeconds(double gbps, int workers, int perHost, double bytes) {
        if (workers % perHost != 0) {
            throw new IllegalArgumentException(
                    workers + " workers do not fill hosts of " + perHost + "; choose a divisor of " + workers);
        }
        return loopback.seconds(perHost, bytes) + onLink(gbps).seconds(workers / perHost, bytes);
    }

    /**
     * A binomial tree reduce then broadcast: 2·ceil(log2 p) steps, each moving the whole
     * message. Fewer steps than the ring's 2(p-1), but log2(p) times the ring's bytes per worker.
     */
    static double treeSeconds(RingCostModel m, int workers, double bytes) {
        int depth = 32 - Integer.numberOfLeadingZeros(workers - 1); // ceil(log2 p)
        return 2.0 * depth * (m.alphaSeconds() + bytes * m.betaSecondsPerByte());
    }

    /**
     * The message size below which the tree is faster than the ring over {@code workers}:
     * solving 2(p-1)·a + 2(p-1)/p·n·b = 2L·(a + n·b) for n, with L = ceil(log2 p), gives
     * n = a·(p-1-L) / (b·(L-(p-1)/p)). Zero when the ring never loses (p = 2).
     */
    static double treeCrossoverBytes(RingCostModel m, int workers) {
        int depth = 32 - Integer.numberOfLeadingZeros(workers - 1);
        double latencySteps = workers - 1 - depth;
        if (latencySteps <= 0) {
            return 0;
        }
        return m.alphaSeconds() * latencySteps / (m.betaSecondsPerByte() * (depth - (workers - 1.0) / workers));
    }
}
