package io.sparknn.bench.distributed;

import io.sparknn.bench.distributed.ScalingForecast.Step;
import io.sparknn.bench.distributed.ScalingForecast.Workload;
import io.sparknn.bench.engine.SeedNetworks;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench forecast}: prints, as Markdown, the {@link ScalingForecast} for the seed-000 MLP
 * and the seed-004 CNN at 8, 16 and 64 workers on 10, 25 and 100 Gb/s links, then per link and
 * worker count the message size under which a tree beats the ring and each gradient's all-reduce
 * time by ring, tree and two-level ring ({@value #HOST_WORKERS} workers per host). Every input is an option, so a table can be
 * recomputed from new measurements: {@code --alpha-us --beta-ns-per-byte} (the loopback fit of
 * {@code bench allreduce}), {@code --wire-alpha-us} (network latency per ring step, default 20),
 * {@code --mlp-us-per-sample --cnn-us-per-sample} (one worker's training time per sample) and
 * {@code --mlp-batch --cnn-batch} (per-worker batch, default 128 and 64 as in the seed configs).
 */
public final class ScalingForecastTable {
    static final int[] WORKERS = {8, 16, 64};
    static final double[] LINKS_GBPS = {10, 25, 100};
    /** Workers per host in the two-level column: e.g. four single-core workers on one machine. */
    static final int HOST_WORKERS = 4;

    private ScalingForecastTable() {}

    public static void main(String[] args) {
        Map<String, String> o;
        try {
            o = Options.parse(
                    args,
                    List.of(
                            "alpha-us",
                            "beta-ns-per-byte",
                            "wire-alpha-us",
                            "mlp-us-per-sample",
                            "cnn-us-per-sample",
                            "mlp-batch",
                            "cnn-batch"));
            ScalingForecast forecast = new ScalingForecast(
                    new RingCostModel(required(o, "alpha-us") * 1e-6, required(o, "beta-ns-per-byte") * 1e-9),
                    number(o, "wire-alpha-us", 20) * 1e-6);
            List<Workload> workloads = List.of(
                    new Workload(
                            "seed-000 MLP",
                            SeedNetworks.seed000().paramCount(),
                            required(o, "mlp-us-per-sample") * 1e-6,
                            (int) number(o, "mlp-batch", 128)),
                    new Workload(
                            "seed-004 CNN",
                            SeedNetworks.seed004().paramCount(),
                            required(o, "cnn-us-per-sample") * 1e-6,
                            (int) number(o, "cnn-batch", 64)));
            System.out.print(render(forecast, workloads));
        } catch (IllegalArgumentException e) {
            System.err.println("bench forecast: " + e.getMessage());
            System.exit(2);
        }
    }

    static String render(ScalingForecast forecast, List<Workload> workloads) {
        StringBuilder out = new StringBuilder();
        out.append("| network (params, MB) | workers | link Gb/s | global batch (per worker) | compute ms"
                + " | comm ms | step ms | speedup | overlapped step ms | overlapped speedup"
                + " | global batch for comm <= compute |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Workload w : workloads) {
            for (int p : WORKERS) {
                for (double gbps : LINKS_GBPS) {
                    Step s = forecast.step(w, p, gbps);
                    out.append(String.format(
                            Locale.ROOT,
                            "| %s (%,d, %.2f) | %d | %.0f | %,d (%d) | %.2f | %.2f | %.2f | %.1f | %.2f | %.1f | %,d |%n",
                            w.name(),
                            w.params(),
                            w.gradientBytes() / 1e6,
                            p,
                            gbps,
                            s.globalBatch(),
                            w.perWorkerBatch(),
                            s.computeSeconds() * 1e3,
                            s.commSeconds() * 1e3,
                            s.stepSeconds() * 1e3,
                            s.speedup(),
                            s.overlappedSeconds() * 1e3,
                            s.overlappedSpeedup(),
                            s.minGlobalBatch()));
                }
            }
        }
        out.append("\n| link Gb/s | workers | alpha us | beta ns/B | tree beats ring below");
        for (Workload w : workloads) {
            out.append(String.format(Locale.ROOT, " | %s ms: ring / tree / %d per host", w.name(), HOST_WORKERS));
        }
        out.append(" |\n|---|---|---|---|---");
        out.append("|---".repeat(workloads.size()));
        out.append("|\n");
        for (double gbps : LINKS_GBPS) {
            RingCostModel m = forecast.onLink(gbps);
            for (int p : WORKERS) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %.0f | %d | %.1f | %.4f | %.0f KB",
                        gbps,
                        p,
                        m.alphaSeconds() * 1e6,
                        m.betaSecondsPerByte() * 1e9,
                        ScalingForecast.treeCrossoverBytes(m, p) / 1e3));
                for (Workload w : workloads) {
                    double n = w.gradientBytes();
                    out.append(String.format(
                            Locale.ROOT,
                            " | %.2f / %.2f / %.2f",
                            m.seconds(p, n) * 1e3,
                            ScalingForecast.treeSeconds(m, p, n) * 1e3,
                            forecast.hierarchicalSeconds(gbps, p, HOST_WORKERS, n) * 1e3));
                }
                out.append(" |\n");
            }
        }
        return out.toString();
    }

    private static double required(Map<String, String> o, String key) {
        if (!o.containsKey(key)) {
            throw new IllegalArgumentException("--" + key + " is required (a measured value; see docs/scaling.md)");
        }
        return number(o, key, 0);
    }

    private static double number(Map<String, String> o, String key, double dflt) {
        String v = o.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + key + " must be a non-negative number, got '" + v + "'");
    }
}
