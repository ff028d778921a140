package io.sparknn.testkit;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM like this test JVM: its flags (heap, Java 17 opens), backend properties and classpath. */
public final class ChildJvm {
    private ChildJvm() {}

    /** {@code java <this JVM's flags> -cp <this classpath> main args...}. */
    public static List<String> command(Class<?> main, String... args) {
        return command(List.of(), main, args);
    }

    /** {@code java <this JVM's flags> <jvmArgs> -cp <this classpath> main args...}, e.g. -D system properties. */
    public static List<String> command(List<String> jvmArgs, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp")) {
                cmd.add(a);
            }
        }
        for (String prop : new String[] {"sparknn.backend", "sparknn.threads"}) {
            String v = System.getProperty(prop);
            if (v != null && !v.isEmpty()) {
                cmd.add("-D" + prop + "=" + v);
            }
        }
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
