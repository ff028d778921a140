package io.sparknn.jobs;

/** A usage or job-config error (unknown key, wrong type, invalid value): exit code 2. */
public final class ConfigException extends JobException {
    public static final int EXIT_CODE = 2;

    public ConfigException(String message) {
        super(message, null);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
