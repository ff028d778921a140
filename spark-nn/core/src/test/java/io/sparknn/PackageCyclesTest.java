package io.sparknn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The core's packages form a layered graph: no two packages use each other, directly or through
 * others. Read from the compiled classes with the JDK's own {@code jdeps}, so it sees every
 * reference the compiler emitted, imports or not.
 */
class PackageCyclesTest {
    private static final Pattern EDGE = Pattern.compile("^\\s+(io\\.sparknn\\.\\S+)\\s+->\\s+(io\\.sparknn\\.\\S+)");

    @Test
    void corePackagesHaveNoCycle() {
        Map<String, Set<String>> uses = packageGraph(Path.of("target", "classes"));
        assertTrue(uses.containsKey("io.sparknn.nn"), "jdeps found no io.sparknn packages: " + uses.keySet());
        assertEquals(List.of(), cycles(uses), "package cycles in spark-nn/core (an arrow means 'uses')");
    }

    private static Map<String, Set<String>> packageGraph(Path classes) {
        assertTrue(Files.isDirectory(classes), "compile the core first: " + classes.toAbsolutePath());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "-verbose:package",
                "-filter:none",
                "-e",
                "io\\.sparknn\\..*",
                classes.toString());
        assertEquals(0, code, "jdeps failed: " + err);
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                uses.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                uses.computeIfAbsent(m.group(2), k -> new TreeSet<>());
            }
        }
        return uses;
    }

    /** The strongly connected components with more than one package (Tarjan's algorithm). */
    private static List<Set<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String p : uses.keySet()) {
            if (!index.containsKey(p)) {
                visit(p, uses, index, low, stack, found);
            }
        }
        return found;
    }

    private static void visit(
            String p,
            Map<String, Set<String>> uses,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            List<Set<String>> found) {
        index.put(p, index.size());
        low.put(p, index.get(p));
        stack.push(p);
        for (String q : uses.get(p)) {
            if (!index.containsKey(q)) {
                visit(q, uses, index, low, stack, found);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (stack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            Set<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                component.add(q);
            } while (!q.equals(p));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
