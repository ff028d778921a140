package io.sparknn.testing;

import io.sparknn.backend.Backend;
import io.sparknn.backend.select.Backends;
import java.util.List;
import java.util.stream.Stream;

/**
 * Both backends, for suites that must hold on each. MKL failing to load is a test failure here,
 * never a skip: the build bundles it for linux-x86_64.
 */
public final class TestBackends {
    private static List<Backend> all;

    private TestBackends() {}

    public static synchronized List<Backend> list() {
        if (all == null) {
            all = List.of(Backends.create("java", 2), Backends.create("mkl", 2));
        }
        return all;
    }

    /** The argument source of {@link OnEveryBackend}. */
    public static Stream<org.junit.jupiter.params.provider.Arguments> all() {
        return list().stream()
                .map(b -> org.junit.jupiter.params.provider.Arguments.of(org.junit.jupiter.api.Named.of(b.name(), b)));
    }

    public static Backend java() {
        return list().get(0);
    }

    public static Backend mkl() {
        return list().get(1);
    }
}
