/** In-memory datasets and the Fashion-MNIST IDX reader (the demo, tests and benchmarks read it). */
package io.sparknn.data;
