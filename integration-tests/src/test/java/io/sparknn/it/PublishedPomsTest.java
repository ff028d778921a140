package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The poms a build installs and deploys name the artifacts of its own Spark line. The module poms
 * spell the Scala suffix as {@code _${scala.binary}}, which only this build can resolve; the
 * flattened pom the build publishes instead must carry {@code _2.12} with Spark 3.5 or
 * {@code _2.13} with Spark 4.1 everywhere, or a Scala 2.13 user would be handed the 2.12 modules.
 */
class PublishedPomsTest {
    private static final String SCALA = System.getProperty("sparknn.scalaBinary");
    private static final String SPARK = System.getProperty("sparknn.sparkVersion");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "spark-nn/core:spark-nn-core",
                "spark-nn/spark-io:spark-nn-spark-io_",
                "spark-nn/distributed:spark-nn-distributed_",
                "transformers:spark-nn-transformers_",
                "estimators:spark-nn-estimators_",
                "jobs:spark-nn-jobs_"
            })
    void publishedPomNamesTheLinesArtifacts(String moduleAndArtifact) throws Exception {
        String module = moduleAndArtifact.substring(0, moduleAndArtifact.indexOf(':'));
        String artifact = moduleAndArtifact.substring(module.length() + 1);
        String expectedArtifact = artifact.endsWith("_") ? artifact + SCALA : artifact;
        Path pom = Path.of(System.getProperty("sparknn.repoDir"), module, System.getProperty("sparknn.target"))
                .resolve("flattened-pom.xml");
        assertTrue(Files.isRegularFile(pom), pom + " is missing: the flatten plugin writes it at process-resources");
        String text = Files.readString(pom);
        assertFalse(text.contains("${"), pom + " still holds an unresolved expression:\n" + text);

        Element project = parse(pom).getDocumentElement();
        assertEquals(expectedArtifact, child(project, "artifactId"), "artifactId in " + pom);
        assertEquals(List.of(), children(project, "parent"), pom + " must stand alone (no parent to resolve)");

        List<String> wrong = new ArrayList<>();
        NodeList deps = project.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            String id = child(dep, "groupId") + ":" + child(dep, "artifactId") + ":" + child(dep, "version");
            boolean scalaArtifact = child(dep, "artifactId").matches(".*_2\\.1\\d");
            if (scalaArtifact && !child(dep, "artifactId").endsWith("_" + SCALA)) {
                wrong.add(id + " (not _" + SCALA + ")");
            }
            if (child(dep, "groupId").equals("org.apache.spark")
                    && !child(dep, "version").equals(SPARK)) {
                wrong.add(id + " (not Spark " + SPARK + ")");
            }
        }
        assertEquals(List.of(), wrong, "dependencies of another line in " + pom);
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
