package io.sparknn.jobs.train;

import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.config.TrainConfig;
import io.sparknn.jobs.io.JobFiles;
import io.sparknn.jobs.io.OutputKind;
import io.sparknn.jobs.metrics.MetricsTable;
import org.apache.spark.sql.SparkSession;

/**
 * Where a train run writes, qualified, and checked before any data is read: each existing output
 * must be one a job wrote (so a run never replaces a Delta table or an unrelated directory), and
 * the metrics table must accept the run's row.
 *
 * @param metricsTable the metrics table's path or name, or null for none
 * @param tensorboard  the TensorBoard log directory, or null for none
 */
record TrainOutputs(String model, String metrics, String report, String metricsTable, String tensorboard) {

    static TrainOutputs check(SparkSession spark, JobFiles files, TrainConfig config) {
        TrainConfig.Output out = config.output();
        String model = files.qualify(out.model(), "output.model");
        if (!out.overwriteOrDefault() && files.exists(model, "output.model")) {
            throw new ConfigException("output.model " + model + " already exists and output.overwrite "
                    + "is false: choose another output.model or set output.overwrite: true.");
        }
        String metrics =
                files.qualify(out.metrics() != null ? out.metrics() : model + ".metrics.json", "output.metrics");
        String report = files.qualify(out.report() != null ? out.report() : model + ".report.html", "output.report");
        files.checkReplaceable(model, OutputKind.MODEL, "output.model");
        files.checkReplaceable(metrics, OutputKind.METRICS_JSON, "output.metrics");
        files.checkReplaceable(report, OutputKind.HTML_REPORT, "output.report");
        String table = out.metricsTable() == null || out.metricsTable().isBlank() ? null : out.metricsTable();
        if (table != null) {
            new MetricsTable(spark).checkAccepts(table, files);
        }
        String tensorboard = null;
        if (out.tensorboard() != null && !out.tensorboard().isBlank()) {
            tensorboard = files.qualify(out.tensorboard(), "output.tensorboard");
            if (files.exists(tensorboard, "output.tensorboard")
                    && !files.isDirectory(tensorboard, "output.tensorboard")) {
                throw new ConfigException("output.tensorboard '" + out.tensorboard() + "' is a file, but TensorBoard "
                        + "runs go into a directory (one subfolder per run). Choose a directory.");
            }
        }
        return new TrainOutputs(model, metrics, report, table, tensorboard);
    }
}
