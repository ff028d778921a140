package io.sparknn.bench.distributed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} options of a benchmark; an unknown option is an error listing the known ones. */
final class Options {
    private Options() {}

    static Map<String, String> parse(String[] args, List<String> known) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --option value pairs, got '" + a + "'. Known options: --"
                        + String.join(", --", known));
            }
            String key = a.substring(2);
            if (!known.contains(key)) {
                throw new IllegalArgumentException(
                        "Unknown option --" + key + ". Known options: --" + String.join(", --", known));
            }
            m.put(key, args[++i]);
        }
        return m;
    }
}
