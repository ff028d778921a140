package io.sparknn.jobs.cli;

import io.sparknn.jobs.delta.TableProvenance;
import io.sparknn.jobs.demo.DemoJob;
import io.sparknn.jobs.evaluate.EvaluateJob;
import io.sparknn.jobs.export.ExportJob;
import io.sparknn.jobs.score.ScoreJob;
import io.sparknn.jobs.train.TrainJob;
import java.util.Locale;
import java.util.Map;

/** What the commands print on stdout: a short summary, then one machine-readable last line (for Airflow XCom). */
final class Printer {
    private Printer() {}

    static void train(TrainJob.Result r) {
        System.out.println(
                "trained on: " + r.input().table() + " version " + r.input().version());
        System.out.println("model:      " + r.modelPath());
        System.out.println("report:     " + r.reportPath());
        metrics(r.metrics());
        System.out.println(r.metricsPath());
    }

    static void demo(DemoJob.Result r) {
        System.out.println("data:       " + r.data().dir()
                + (r.data().full()
                        ? " (full Fashion-MNIST)"
                        : " (the subset shipped in the jar: install dataset-fashion-mnist for all 70,000 images)"));
        System.out.println("tables:     " + r.trainTable() + ", " + r.testTable());
        TrainJob.Result t = r.training();
        System.out.println(
                "trained on: " + t.input().table() + " version " + t.input().version());
        System.out.println("model:      " + t.modelPath());
        System.out.println("report:     " + t.reportPath());
        System.out.println("metrics:    " + t.metricsPath());
        System.out.println("scored:     " + r.scoring().output().table() + " version "
                + r.scoring().output().version() + " (" + r.scoring().rowsWritten() + " rows)");
        System.out.println(String.format(Locale.ROOT, "test accuracy of the scored table: %.4f", r.scoredAccuracy()));
        System.out.println("next:       bin/spark-nn evaluate --model " + t.modelPath() + " --input " + r.testTable());
    }

    /** The last line is the summary JSON path, or else the output as Delta's {@code table@vN}. */
    static void score(ScoreJob.Result r) {
        System.out.println("model:      " + r.modelPath());
        System.out.println("scored:     " + input(r.input()));
        String what = r.skipped()
                ? "already appended by an earlier run with this input version: nothing written"
                : r.rowsWritten() + " rows written";
        System.out.println(
                "output:     " + r.output().table() + " version " + r.output().version() + " ("
                        + r.mode().name().toLowerCase(Locale.ROOT).replace('_', '-') + ", " + what + ")");
        System.out.println("columns:    " + String.join(", ", r.columns()));
        System.out.println(
                r.summaryPath() != null
                        ? r.summaryPath()
                        : r.output().table() + "@v" + r.output().version());
    }

    static void export(ExportJob.Result r) {
        System.out.println("model:      " + r.modelPath());
        System.out.println("input:      features, float [N, " + r.inputWidth() + "] (the network's feature vector)");
        System.out.println("output:     " + r.output() + ", float [N, " + r.outputWidth() + "]");
        if (!r.otherStages().isEmpty()) {
            System.out.println("not exported: the pipeline's other stages " + r.otherStages()
                    + "; compute the feature vector as they do before calling the ONNX model");
        }
        System.out.println(r.onnx().toAbsolutePath());
    }

    static void evaluate(EvaluateJob.Result r) {
        System.out.println("model:      " + r.modelPath());
        System.out.println("evaluated:  " + input(r.input()));
        System.out.println("report:     " + r.reportPath());
        metrics(r.metrics());
        System.out.println(r.metricsPath());
    }

    static void imported(io.sparknn.jobs.modelimport.ImportJob.Result r) {
        var i = r.imported();
        var spec = i.network().spec();
        System.out.println("imported:   " + i.from() + " (" + i.format() + ")");
        System.out.println("shape:      input " + spec.inputShape() + ", output " + spec.outputShape() + ", "
                + spec.layers().size() + " layers, " + spec.paramCount() + " parameters");
        System.out.println("task:       " + i.task().name().toLowerCase(Locale.ROOT) + " (features column: features)");
        System.out.println("network:    " + spec.toJson());
        System.out.println(r.modelPath());
    }

    private static String input(TableProvenance p) {
        return p.table() + " version " + p.version() + (p.filter() == null ? "" : " where " + p.filter());
    }

    static void metrics(Map<String, Double> metrics) {
        metrics.forEach((k, v) -> System.out.println(String.format(
                Locale.ROOT,
                "%-11s %s",
                k + ":",
                k.equals("rows") ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.4f", v))));
    }
}
