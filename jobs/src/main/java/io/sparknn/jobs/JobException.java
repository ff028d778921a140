package io.sparknn.jobs;

/**
 * A job failure the user can act on. Its message is the one line printed on stderr (problem,
 * cause and fix); {@link #exitCode()} is the process exit code an Airflow task sees.
 */
public abstract class JobException extends RuntimeException {
    protected JobException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 2 for usage/config errors, 3 for input-data errors. */
    public abstract int exitCode();
}
