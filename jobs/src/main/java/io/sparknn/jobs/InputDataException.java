package io.sparknn.jobs;

/** The input table is missing, unreadable or holds data the job cannot use: exit code 3. */
public final class InputDataException extends JobException {
    public static final int EXIT_CODE = 3;

    public InputDataException(String message) {
        super(message, null);
    }

    public InputDataException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
