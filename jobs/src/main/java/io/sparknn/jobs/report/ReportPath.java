package io.sparknn.jobs.report;

/** Where a report goes when only the metrics JSON's path is given: beside it, {@code .json} becoming {@code .html}. */
public final class ReportPath {
    private ReportPath() {}

    public static String besideMetrics(String metricsPath) {
        return (metricsPath.endsWith(".json")
                        ? metricsPath.substring(0, metricsPath.length() - ".json".length())
                        : metricsPath)
                + ".html";
    }
}
