/** The train job: pinned Delta input, held-out validation, pipeline from config, atomic model save. */
package io.sparknn.jobs.train;
