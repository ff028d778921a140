package io.sparknn.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test method once per backend ({@code java}, {@code mkl}), passing the
 * {@link io.sparknn.backend.Backend}. The backends are shared, so JUnit must not close them.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}", autoCloseArguments = false)
@MethodSource("io.sparknn.testing.TestBackends#all")
public @interface OnEveryBackend {}
