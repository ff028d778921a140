package io.sparknn.testing;

import io.sparknn.backend.Backend;
import io.sparknn.backend.Backends;

import java.util.List;
import java.util.stream.Stream;

/**
 * Both backends, for suites that must hold on each. MKL failing to load is a test failure here,
 * never a skip: the build bundles it for linux-x86_64.
 */
public final class TestBackends {
    private static List<Backend> all;

    private TestBackends() {
    }

    public static synchronized List<Backend> list() {
        if (all == null) {
            all = List.of(Backends.create("java", 2), Backends.create("mkl", 2));
        }
        return all;
    }

    /** For {@code @MethodSource("io.sparknn.testing.TestBackends#all")}. */
    public static Stream<Backend> all() {
        return list().stream();
    }

    public static Backend java() {
        return list().get(0);
    }

    public static Backend mkl() {
        return list().get(1);
    }
}
