package com.example.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The complete programs and poms of the documents, exactly as printed: a block after
 * {@code <!-- program: path -->} is compiled (against this module's test class path, which holds
 * what the doc's pom lists) and run; a block after {@code <!-- pom: pom.xml -->} must be a pom that
 * stock Maven 3.8 builds: no parent, release 17, compiler and Surefire versions pinned to the ones
 * this build uses, every dependency with a version, {@code junit-jupiter} listed, and the project's
 * artifacts at the version a {@code mvn install} of this checkout puts into the local repository.
 */
class DocProgramsTest {

    private static final Pattern MARKER = Pattern.compile("<!-- (program|pom): (\\S+) -->");

    private static Path root() {
        return Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
    }

    /** The fenced blocks of {@code document} after a marker of {@code kind}, by the path the marker names. */
    private static Map<String, String> blocks(String document, String kind) throws IOException {
        List<String> lines = Files.readAllLines(root().resolve(document), StandardCharsets.UTF_8);
        Map<String, String> blocks = new HashMap<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i).strip());
            if (!marker.matches() || !marker.group(1).equals(kind)) {
                continue;
            }
            assertTrue(lines.get(i + 1).startsWith("```"), document + ":" + (i + 2) + ": a block must follow the marker");
            int end = i + 2;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            blocks.put(marker.group(2), String.join("\n", lines.subList(i + 2, end)) + "\n");
            i = end;
        }
        return blocks;
    }

    @Test
    void theEmbeddingProgramCompilesAndRunsAsPrinted(@TempDir Path work) throws Exception {
        Map<String, String> programs = blocks("docs/embedding.md", "program");
        assertEquals(List.of("src/main/java/com/example/MyService.java"), List.copyOf(programs.keySet()));
        Path source = work.resolve(programs.keySet().iterator().next());
        Files.createDirectories(source.getParent());
        Files.writeString(source, programs.values().iterator().next(), StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(new ByteArrayInputStream(new byte[0]), diagnostics, diagnostics, "--release", "17",
                "-Xlint:all", "-Werror", "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                source.toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        String output = runMain(classes, "com.example.MyService", root().resolve("examples/toolsets.yaml").toString());
        List<String> lines = output.lines().toList();
        assertTrue(lines.contains("active: kubernetes/core"), output);
        String failing = lines.stream().filter(line -> line.startsWith("active: ")).findFirst().orElseThrow()
                .substring("active: ".length());
        assertEquals("failure 1 of " + failing + ": NotDue[]", lines.get(lines.size() - 3), output);
        assertEquals("failure 2 of " + failing + ": NotDue[]", lines.get(lines.size() - 2), output);
        assertTrue(lines.get(lines.size() - 1).startsWith("failure 3 of " + failing
                + ": Attempted[outcome=ConfigUnchanged"), output);
    }

    /** Runs {@code main} in a class loader of its own over {@code classes}, and returns what it printed. */
    private static String runMain(Path classes, String mainClass, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                DocProgramsTest.class.getClassLoader())) {
            Method main = loader.loadClass(mainClass).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/embedding.md", "docs/extending.md"})
    void theCompletePomBuildsWithStockMaven38(String document) throws Exception {
        Map<String, String> poms = blocks(document, "pom");
        assertEquals(List.of("pom.xml"), List.copyOf(poms.keySet()), document + " shows one complete pom");
        Element pom = parse(poms.get("pom.xml"));
        Element parent = parse(Files.readString(root().resolve("pom.xml"), StandardCharsets.UTF_8));

        assertEquals("4.0.0", text(pom, "modelVersion"));
        assertTrue(children(pom, "parent").isEmpty(), "a team's pom stands alone: no parent");
        assertEquals("17", text(child(pom, "properties"), "maven.compiler.release"));
        String projectVersion = text(parent, "version");
        Map<String, String> pinned = pluginVersions(child(child(parent, "build"), "pluginManagement"));
        Map<String, String> shown = pluginVersions(child(pom, "build"));
        for (String plugin : List.of("maven-compiler-plugin", "maven-surefire-plugin")) {
            assertNotNull(shown.get(plugin), document + ": " + plugin + " needs an explicit version on Maven 3.8");
            assertEquals(pinned.get(plugin), shown.get(plugin), document + ": " + plugin + " as this build uses it");
        }
        List<String> artifacts = new ArrayList<>();
        for (Element dependency : children(child(pom, "dependencies"), "dependency")) {
            String artifact = text(dependency, "artifactId");
            artifacts.add(artifact);
            String version = text(dependency, "version");
            assertFalse(version.isBlank(), document + ": " + artifact + " has no version (no parent manages it)");
            if (text(dependency, "groupId").equals("org.toolsetconfig")) {
                assertEquals(projectVersion, version, document + ": " + artifact + " at the installed version");
            }
        }
        assertTrue(artifacts.contains("junit-jupiter"), document + ": junit-jupiter listed, so Surefire runs JUnit 5");
    }

    private static Map<String, String> pluginVersions(Element build) {
        Map<String, String> versions = new HashMap<>();
        for (Element plugin : children(child(build, "plugins"), "plugin")) {
            versions.put(text(plugin, "artifactId"), text(plugin, "version"));
        }
        return versions;
    }

    private static Element parse(String xml) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return document.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "one <" + name + "> in <" + parent.getTagName() + ">");
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }
}
