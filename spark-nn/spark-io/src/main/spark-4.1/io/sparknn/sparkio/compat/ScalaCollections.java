package io.sparknn.sparkio.compat;

import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Java and Scala collections across Scala 2.12 and 2.13: the Spark 4.1 / Scala 2.13 build of this
 * class, on {@code scala.jdk.javaapi.CollectionConverters} (2.12 lacks it; {@code JavaConverters},
 * which the other build uses, is deprecated here).
 */
public final class ScalaCollections {
    private ScalaCollections() {}

    public static <A> List<A> asJava(scala.collection.Seq<A> seq) {
        return CollectionConverters.asJava(seq);
    }

    public static <A> java.util.Iterator<A> asJava(scala.collection.Iterator<A> iterator) {
        return CollectionConverters.asJava(iterator);
    }

    public static <A> scala.collection.Iterator<A> asScala(java.util.Iterator<A> iterator) {
        return CollectionConverters.asScala(iterator);
    }

    /** An immutable Scala Seq, the type Spark's Scala APIs take on both lines (e.g. {@code parallelize}). */
    public static <A> scala.collection.immutable.Seq<A> asScalaSeq(List<A> list) {
        return CollectionConverters.asScala(list).toSeq();
    }
}
