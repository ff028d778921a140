package io.sparknn.jobs.report;

import java.util.Map;

/**
 * What the report needs beyond the metrics and history: the model summary, the held-out details
 * of a classifier or a regressor (either may be null), and the run environment (Spark version,
 * backend, threads, workers). Stored in the metrics JSON so the report can be drawn again.
 */
public record ReportDetails(
        ModelSummary model,
        ClassificationDetails classification,
        RegressionDetails regression,
        Map<String, String> environment) {}
