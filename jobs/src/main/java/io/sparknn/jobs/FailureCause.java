package io.sparknn.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The message that explains a failure. Spark wraps a task's exception in a stage failure
 * ("Job aborted due to stage failure: ... TASK_WRITE_FAILED ...") and Hadoop or Java wrap theirs
 * in generic exceptions; the user needs the innermost exception that says something, e.g. "Column
 * 'features' has 100 values in row 0 but the network expects 784", not the wrappers around it.
 */
public final class FailureCause {
    /** Messages that only say "something below failed". */
    private static final Pattern WRAPPER = Pattern.compile(
            "(?s).*(Job aborted due to stage failure|\\[TASK_WRITE_FAILED]|Task failed while writing rows"
                    + "|Exception thrown in awaitResult|Boxed Error).*");

    private FailureCause() {}

    /**
     * The first line of the deepest message in {@code e}'s cause chain that is not a wrapper's,
     * prefixed with its exception's simple name when that name adds information.
     */
    public static String of(Throwable e) {
        Throwable best = null;
        for (Throwable t : chain(e)) {
            String m = t.getMessage();
            boolean wrapper = m == null
                    || m.isBlank()
                    || WRAPPER.matcher(m).matches()
                    || (t.getCause() != null && m.equals(t.getCause().toString()));
            if (!wrapper) {
                best = t;
            }
        }
        if (best == null) {
            List<Throwable> all = chain(e);
            Throwable deepest = all.get(all.size() - 1);
            String m = deepest.getMessage();
            return deepest.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + firstLine(m));
        }
        String line = firstLine(best.getMessage());
        return isPlain(best) ? line : best.getClass().getSimpleName() + ": " + line;
    }

    /**
     * The outermost message that is not a wrapper's, for its context (which file, which option),
     * followed by the innermost cause when it does not already say it.
     */
    public static String withContext(Throwable e) {
        String deepest = of(e);
        String top = e.getMessage() == null ? null : firstLine(e.getMessage());
        if (top == null
                || top.isBlank()
                || WRAPPER.matcher(top).matches()
                || (e.getCause() != null && top.equals(e.getCause().toString()))) {
            return deepest;
        }
        String outer = isPlain(e) ? top : e.getClass().getSimpleName() + ": " + top;
        return outer.contains(deepest)
                        || top.contains(firstLine(deepest.substring(deepest.indexOf(':') + 1))
                                .strip())
                ? outer
                : outer + " (cause: " + deepest + ")";
    }

    /** {@code e} and its causes, outermost first, without cycles. */
    public static List<Throwable> chain(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }

    public static String firstLine(String message) {
        String m = String.valueOf(message).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /** Exceptions whose own message is the explanation: their class name would be noise. */
    private static boolean isPlain(Throwable t) {
        return t instanceof JobException
                || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException
                || t.getClass().getName().startsWith("org.apache.spark.sql.")
                || t.getClass().getName().startsWith("io.sparknn.");
    }
}
