/** In-memory datasets and the Fashion-MNIST IDX reader used by tests and benchmarks. */
package io.sparknn.data;
