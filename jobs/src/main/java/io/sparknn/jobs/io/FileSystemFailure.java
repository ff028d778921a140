package io.sparknn.jobs.io;

import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.FailureCause;
import io.sparknn.jobs.InputDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.util.VersionInfo;

/**
 * Turns a failure to reach a path's file system into the error the user can act on: a scheme
 * whose connector is not on the classpath (s3a without hadoop-aws) is a setup error (exit 2), a
 * host that does not resolve or answer is an unreachable input (exit 3).
 */
public final class FileSystemFailure {
    private FileSystemFailure() {}

    /** @param option the option or config key that named {@code uri}, e.g. {@code --input} */
    public static RuntimeException of(String uri, String option, Throwable e) {
        for (Throwable t : FailureCause.chain(e)) {
            if (t instanceof ClassNotFoundException || t instanceof UnsupportedFileSystemException) {
                String scheme = scheme(uri);
                return new ConfigException(
                        "Cannot open '" + uri + "' (" + option + "): there is no Hadoop FileSystem for "
                                + "scheme '" + scheme + "' on the classpath (" + FailureCause.of(t)
                                + "). Add the connector "
                                + "that matches Hadoop " + VersionInfo.getVersion()
                                + (scheme.startsWith("s3")
                                        ? ", e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:"
                                                + VersionInfo.getVersion()
                                        : "")
                                + ", or use a path on a file system the cluster has.",
                        e);
            }
            if (t instanceof UnknownHostException
                    || t instanceof ConnectException
                    || t instanceof NoRouteToHostException) {
                return new InputDataException(
                        "Cannot reach '" + uri + "' (" + option + "): "
                                + t.getClass().getSimpleName()
                                + ": " + FailureCause.firstLine(t.getMessage())
                                + ". Check the host and port in the URI and that "
                                + "its file system is reachable from the driver.",
                        e);
            }
        }
        if (e instanceof IOException io) {
            return new UncheckedIOException("Cannot access '" + uri + "' (" + option + "): " + FailureCause.of(e), io);
        }
        return new IllegalStateException("Cannot access '" + uri + "' (" + option + "): " + FailureCause.of(e), e);
    }

    private static String scheme(String uri) {
        try {
            String s = new URI(uri).getScheme();
            return s == null ? "file" : s;
        } catch (java.net.URISyntaxException e) {
            int colon = uri.indexOf(':');
            return colon > 0 ? uri.substring(0, colon) : "file";
        }
    }
}
