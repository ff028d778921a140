/** The picocli commands of {@link io.sparknn.jobs.Main}: option parsing and what goes to stdout. */
package io.sparknn.jobs.cli;
