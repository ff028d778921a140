package io.sparknn.bench.engine;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --key value} options of a benchmark, with errors that name the option. */
final class BenchArgs {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    BenchArgs(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("Unexpected argument '" + a + "'; options look like --epochs 10");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("Option --" + key + " needs a value");
            }
            values.put(key, value);
        }
    }

    int intValue(String key, int dflt) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("Option --" + key + " must be a non-negative integer, got '" + v + "'");
    }

    double positiveDouble(String key, double dflt) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("Option --" + key + " must be a positive number such as 0.001, got '" + v + "'");
    }

    String string(String key, String dflt) {
        used.add(key);
        return values.getOrDefault(key, dflt);
    }

    void rejectUnknown() {
        for (String k : values.keySet()) {
            if (!used.contains(k)) {
                throw new UsageException("Unknown option --" + k + ". Known options: --" + String.join(", --", used));
            }
        }
    }

    /** A usage error: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
