import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the pure-Python wheel of python/ (sparknn-VERSION-py3-none-any.whl) with nothing but the JDK,
 * so the Maven build ships it beside the shaded jar on a machine that has no Python. Run as a
 * single-file program: {@code java WheelWriter.java <python dir> <maven version> <output dir>}.
 *
 * <p>A wheel is a zip of the package plus NAME-VERSION.dist-info/{METADATA,WHEEL,RECORD}; RECORD lists
 * every file with its sha256 (urlsafe base64, no padding) and size, which pip checks on install. The
 * metadata comes from pyproject.toml; its version must be the pom's in PEP 440 form (X-SNAPSHOT is
 * X.dev0), or the build fails rather than ship a wheel that does not match the jar.
 */
public final class WheelWriter {
    /** Fixed entry times make the wheel byte-identical for identical sources. */
    private static final FileTime ENTRY_TIME = FileTime.fromMillis(315_532_800_000L); // 1980-01-01, zip's epoch

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: java WheelWriter.java <python dir> <maven version> <output dir>, got "
                    + args.length + " arguments");
        }
        Path pythonDir = Paths.get(args[0]);
        String pep440 = pep440(args[1]);
        String pyproject = Files.readString(pythonDir.resolve("pyproject.toml"));
        String name = field(pyproject, "name");
        String version = field(pyproject, "version");
        if (!version.equals(pep440)) {
            throw new IllegalStateException("python/pyproject.toml has version = \"" + version + "\" but the pom's "
                    + args[1] + " is \"" + pep440 + "\" in PEP 440 form; set pyproject's version to \"" + pep440 + "\"");
        }
        String distInfo = name + "-" + version + ".dist-info/";
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path source : packageSources(pythonDir.resolve(name))) {
            files.put(pythonDir.relativize(source).toString().replace('\\', '/'), Files.readAllBytes(source));
        }
        files.put(distInfo + "METADATA", metadata(pyproject, name, version, pythonDir).getBytes(StandardCharsets.UTF_8));
        files.put(distInfo + "WHEEL", ("Wheel-Version: 1.0\nGenerator: spark-nn build (python/packaging/WheelWriter.java)\n"
                + "Root-Is-Purelib: true\nTag: py3-none-any\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            record.append(file.getKey()).append(",sha256=").append(sha256(file.getValue()))
                    .append(',').append(file.getValue().length).append('\n');
        }
        record.append(distInfo).append("RECORD,,\n");
        files.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));

        Path outputDir = Files.createDirectories(Paths.get(args[2]));
        Path wheel = outputDir.resolve(name + "-" + version + "-py3-none-any.whl");
        // Written beside, then renamed: a failed build never leaves a truncated wheel under the final name.
        Path partial = outputDir.resolve(wheel.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setLastModifiedTime(ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        Files.move(partial, wheel, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Wrote " + wheel + " (" + files.size() + " files)");
    }

    static String pep440(String mavenVersion) {
        return mavenVersion.endsWith("-SNAPSHOT")
                ? mavenVersion.substring(0, mavenVersion.length() - "-SNAPSHOT".length()) + ".dev0"
                : mavenVersion;
    }

    /** The package's .py files and data, without bytecode caches, in a stable order. */
    private static List<Path> packageSources(Path packageDir) throws IOException {
        if (!Files.isDirectory(packageDir)) {
            throw new IllegalStateException("no package directory " + packageDir + " (pyproject's name must be the package)");
        }
        try (Stream<Path> walk = Files.walk(packageDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("__pycache__") && !p.toString().endsWith(".pyc"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Core metadata 2.1 from the [project] table (the keys this pyproject uses). */
    private static String metadata(String pyproject, String name, String version, Path pythonDir) throws IOException {
        StringBuilder m = new StringBuilder("Metadata-Version: 2.1\n")
                .append("Name: ").append(name).append('\n')
                .append("Version: ").append(version).append('\n')
                .append("Summary: ").append(field(pyproject, "description")).append('\n');
        Matcher license = Pattern.compile("^license = \\{ *text = \"([^\"]+)\" *\\}", Pattern.MULTILINE).matcher(pyproject);
        if (license.find()) {
            m.append("License: ").append(license.group(1)).append('\n');
        }
        m.append("Requires-Python: ").append(field(pyproject, "requires-python")).append('\n');
        for (String dependency : stringList(field(pyproject, "dependencies", "\\[[^\\]]*\\]"))) {
            m.append("Requires-Dist: ").append(dependency).append('\n');
        }
        for (Map.Entry<String, List<String>> extra : extras(pyproject).entrySet()) {
            m.append("Provides-Extra: ").append(extra.getKey()).append('\n');
            for (String dependency : extra.getValue()) {
                m.append("Requires-Dist: ").append(dependency).append("; extra == \"").append(extra.getKey()).append("\"\n");
            }
        }
        m.append("Description-Content-Type: text/markdown\n\n");
        return m.append(Files.readString(pythonDir.resolve(field(pyproject, "readme")))).toString();
    }

    private static String field(String pyproject, String key) {
        return field(pyproject, key, "\"[^\"]*\"").replaceAll("^\"|\"$", "");
    }

    private static String field(String pyproject, String key, String valuePattern) {
        Matcher m = Pattern.compile("^" + Pattern.quote(key) + " = (" + valuePattern + ")", Pattern.MULTILINE).matcher(pyproject);
        if (!m.find()) {
            throw new IllegalStateException("python/pyproject.toml has no line '" + key + " = ...' in the form this build reads");
        }
        return m.group(1);
    }

    /** The [project.optional-dependencies] table: one {@code extra = ["req", ...]} line per extra. */
    private static Map<String, List<String>> extras(String pyproject) {
        Map<String, List<String>> extras = new LinkedHashMap<>();
        int start = pyproject.indexOf("[project.optional-dependencies]");
        if (start < 0) {
            return extras;
        }
        for (String line : pyproject.substring(start).split("\n")) {
            if (line.startsWith("[") && !line.startsWith("[project.optional-dependencies]")) {
                break;
            }
            Matcher m = Pattern.compile("^([A-Za-z0-9_.-]+) = (\\[.*\\])").matcher(line);
            if (m.find()) {
                extras.put(m.group(1), stringList(m.group(2)));
            }
        }
        return extras;
    }

    private static List<String> stringList(String tomlArray) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(tomlArray);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static String sha256(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
