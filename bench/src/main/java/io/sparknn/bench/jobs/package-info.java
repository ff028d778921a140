/** Benchmarks of whole jobs, printing one RESULT line (e.g. train-to-accuracy against MLlib's MLP). */
package io.sparknn.bench.jobs;
