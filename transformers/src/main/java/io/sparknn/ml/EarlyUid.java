package io.sparknn.ml;

/**
 * Makes a model's uid visible while Spark's Scala superclass constructors run: they create their
 * params with {@code this} as parent and read {@code uid()} before a Java subclass can assign
 * its fields. The uid travels through this thread-local from the argument of the delegating
 * constructor call, which Java evaluates before the superclass constructor.
 */
public final class EarlyUid {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private EarlyUid() {}

    /** Publishes {@code uid} for the constructor about to run on this thread. */
    public static Token pending(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("uid must not be empty");
        }
        PENDING.set(uid);
        return new Token(uid);
    }

    /** The uid of the constructor running on this thread. */
    public static String current() {
        return PENDING.get();
    }

    /** Hands the uid to the finished constructor and clears the thread-local. */
    public static final class Token {
        private final String uid;

        private Token(String uid) {
            this.uid = uid;
        }

        public String take() {
            PENDING.remove();
            return uid;
        }
    }
}
