package io.sparknn.sparkio.compat;

import java.util.List;

/**
 * Java and Scala collections across Scala 2.12 and 2.13: the Spark 3.5 / Scala 2.12 build of this
 * class, on {@code scala.collection.JavaConverters} (deprecated in 2.13, where the other build uses
 * {@code scala.jdk.javaapi.CollectionConverters}, which 2.12 lacks).
 */
public final class ScalaCollections {
    private ScalaCollections() {}

    public static <A> List<A> asJava(scala.collection.Seq<A> seq) {
        return scala.collection.JavaConverters.seqAsJavaList(seq);
    }

    public static <A> java.util.Iterator<A> asJava(scala.collection.Iterator<A> iterator) {
        return scala.collection.JavaConverters.asJavaIterator(iterator);
    }

    public static <A> scala.collection.Iterator<A> asScala(java.util.Iterator<A> iterator) {
        return scala.collection.JavaConverters.asScalaIterator(iterator);
    }

    /** An immutable Scala Seq, the type Spark's Scala APIs take on both lines (e.g. {@code parallelize}). */
    public static <A> scala.collection.immutable.Seq<A> asScalaSeq(List<A> list) {
        return scala.collection.JavaConverters.asScalaBuffer(list).toList();
    }
}
