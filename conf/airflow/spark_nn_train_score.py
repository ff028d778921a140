"""Daily spark-nn train -> quality gate -> score, with spark-submit (example).

Airflow 3, or Airflow 2.10+ with the standard provider (`pip install apache-airflow-providers-standard`;
Airflow 3 ships it), plus apache-airflow-providers-apache-spark.

Install the shaded jar (jobs/target/spark-nn-jobs_<scala>-<version>-shaded.jar) and the job config on the
machine that runs spark-submit, set the Spark connection (`spark_default`: master yarn,
spark://..., k8s://...), and adjust the constants below.

Why the metrics path is passed in rather than read back: `train` prints the metrics JSON path as its
last stdout line, but SparkSubmitOperator does not push stdout to XCom. So the DAG chooses the path
itself (templated with {{ ds }}), hands it to `train` with `--set output.metrics=...`, and the gate
task reads the JSON from there and pushes the figures to XCom. The same goes for the model
directory, which `score` then loads.

Exit codes of io.sparknn.jobs.Main: 0 ok, 2 usage/config error, 3 input-data error, 1 other
failure. spark-submit passes them on in client mode, so any non-zero code fails the task; a 2 or 3
will fail again on retry, so retries are kept low and the task's log shows the one-line reason.
"""
import json

import pendulum
from airflow import DAG
from airflow.exceptions import AirflowFailException
from airflow.providers.standard.operators.python import ShortCircuitOperator
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = "/opt/spark-nn/spark-nn-jobs_2.12-0.1.0-SNAPSHOT-shaded.jar"
MAIN = "io.sparknn.jobs.Main"
# Read by the driver with plain file I/O, so in client mode (the default) it is a local path on the
# Airflow worker. For --deploy-mode cluster, ship it with files=CONFIG and pass its base name.
CONFIG = "/opt/spark-nn/conf/seed000-mlp.yaml"
BASE = "hdfs:///spark-nn"
RUN = BASE + "/runs/seed000-mlp/{{ ds }}"           # one directory per logical date: re-runs replace it
MODEL = RUN + "/model"
METRICS = RUN + "/metrics.json"
MIN_ACCURACY = 0.80

# Executor sizing, passed as the operator's own parameters (spark-submit's --num-executors,
# --executor-cores, ...). Training is one barrier stage of numWorkers tasks (estimator.numWorkers in
# the config) that needs numWorkers x threadsPerWorker free cores at once: here 2 executors x 2 cores.
# num_executors applies on YARN and Kubernetes; on a standalone master set total_executor_cores=4.
EXECUTORS = {
    "num_executors": 2,
    "executor_cores": 2,
    "executor_memory": "4g",
    "driver_memory": "2g",
}

SPARK_CONF = {
    # Spark refuses barrier stages under dynamic allocation, so the executors above are fixed.
    "spark.dynamicAllocation.enabled": "false",
    "spark.sparknn.worker.featureMemory": "1g",
    # oneDNN's GEMM and convolutions start an OpenMP team per call, one thread per core unless this
    # is set; spark-nn uses them only when it is at most the threads each call may use, and
    # otherwise falls back to MKL's GEMM and im2col (one INFO line in the executor log), about half
    # as fast on AMD processors. Every config benefits.
    "spark.executorEnv.OMP_NUM_THREADS": "1",
    # One clear line on stderr (the task log) when a job fails; the cause chain goes to the file.
    "spark.driver.extraJavaOptions": "-Dlog4j2.configurationFile=file:/opt/spark-nn/conf/log4j2.properties "
                                     "-Dsparknn.logDir=/var/log/spark-nn",
}


def check_metrics(metrics_path, min_accuracy, **context):
    """Reads train's metrics JSON; returns False (skips scoring) below the accuracy bar."""
    import fsspec  # hdfs:// through pyarrow, s3://, gs://, file://; install what your paths need

    with fsspec.open(metrics_path, "r") as f:
        run = json.load(f)
    metrics = run.get("metrics", {})
    if "accuracy" not in metrics:
        raise AirflowFailException(f"{metrics_path} has no metrics.accuracy (validation missing in the config?)")
    # Figures for downstream tasks and the UI: xcom_pull(task_ids="check_metrics", key="metrics").
    context["ti"].xcom_push(key="metrics", value=metrics)
    context["ti"].xcom_push(key="input_version", value=run.get("input", {}).get("version"))
    return metrics["accuracy"] >= min_accuracy


with DAG(
    dag_id="spark_nn_train_score",
    start_date=pendulum.datetime(2026, 12, 1, tz="UTC"),
    schedule="@daily",
    catchup=False,
    max_active_runs=1,                 # runs share executors; one training at a time
    default_args={"retries": 1, "retry_delay": pendulum.duration(minutes=10)},
    tags=["spark-nn"],
) as dag:
    train = SparkSubmitOperator(
        task_id="train",
        conn_id="spark_default",
        application=JAR,
        java_class=MAIN,
        name="spark-nn-train-{{ ds }}",
        conf=SPARK_CONF,
        **EXECUTORS,
        application_args=[
            "train", "--config", CONFIG,
            "--set", "input.path=" + BASE + "/tables/fashion_train",
            "--set", "validation.table.path=" + BASE + "/tables/fashion_test",
            "--set", "output.model=" + MODEL,
            "--set", "output.metrics=" + METRICS,
            "--set", "output.report=" + RUN + "/report.html",
            "--set", "output.metricsTable=" + BASE + "/tables/runs",
        ],
    )

    gate = ShortCircuitOperator(
        task_id="check_metrics",
        python_callable=check_metrics,
        op_kwargs={"metrics_path": METRICS, "min_accuracy": MIN_ACCURACY},
    )

    score = SparkSubmitOperator(
        task_id="score",
        conn_id="spark_default",
        application=JAR,
        java_class=MAIN,
        name="spark-nn-score-{{ ds }}",
        conf=SPARK_CONF,
        **EXECUTORS,
        # See `spark-nn score --help`: overwrite replaces the output table in one Delta transaction,
        # so a killed or retried run never leaves half the predictions behind.
        application_args=[
            "score", "--model", MODEL,
            "--input", BASE + "/tables/fashion_test",
            "--output", BASE + "/tables/predictions_{{ ds_nodash }}",
            "--mode", "overwrite",
            "--keep-columns", "id,label",
            "--summary-out", RUN + "/score.json",
        ],
    )

    train >> gate >> score
