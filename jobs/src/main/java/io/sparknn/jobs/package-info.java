/**
 * The spark-submit entry points ({@link io.sparknn.jobs.Main}): train, score, evaluate and demo
 * on Delta tables, driven by YAML job configs, with exit codes an Airflow task can act on
 * (0 ok, 2 usage/config, 3 input data, 1 anything else).
 */
package io.sparknn.jobs;
