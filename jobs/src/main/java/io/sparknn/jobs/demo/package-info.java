/** The demo: Fashion-MNIST into Delta tables, train, score and report, on an embedded local Spark. */
package io.sparknn.jobs.demo;
