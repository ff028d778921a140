/**
 * The only code that differs between the Spark 3.5 / Scala 2.12 and the Spark 4.1 / Scala 2.13
 * lines: each line compiles its own copy of this package (src/main/spark-3.5 or src/main/spark-4.1,
 * picked by the build), with the same classes and signatures, so the rest of the code base is one
 * source tree and a mismatch fails at compile time, not at run time.
 */
package io.sparknn.sparkio.compat;
