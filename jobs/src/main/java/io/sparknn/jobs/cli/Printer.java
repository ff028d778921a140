package io.sparknn.jobs.cli;

import io.sparknn.jobs.demo.DemoJob;
import io.sparknn.jobs.train.TrainJob;

import java.util.Locale;
import java.util.Map;

/** What the commands print on stdout: a short summary, the metrics JSON path last. */
final class Printer {
    private Printer() {
    }

    static void train(TrainJob.Result r) {
        System.out.println("trained on: " + r.input().table() + " version " + r.input().version());
        System.out.println("model:      " + r.modelPath());
        System.out.println("report:     " + r.reportPath());
        metrics(r.metrics());
        System.out.println(r.metricsPath());
    }

    static void demo(DemoJob.Result r) {
        System.out.println("data:       " + r.data().dir() + (r.data().full() ? " (full Fashion-MNIST)"
                : " (the subset shipped in the jar: install dataset-fashion-mnist for all 70,000 images)"));
        System.out.println("tables:     " + r.trainTable() + ", " + r.testTable());
        train(r.training());
    }

    static void metrics(Map<String, Double> metrics) {
        metrics.forEach((k, v) -> System.out.println(String.format(Locale.ROOT, "%-11s %s", k + ":",
                k.equals("rows") ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.4f", v))));
    }
}
