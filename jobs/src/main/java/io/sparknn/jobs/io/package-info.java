/** Atomic file and directory output on any Hadoop FileSystem (temporary name, then rename). */
package io.sparknn.jobs.io;
