package com.example.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the documents honest: every Java snippet in them is preceded by {@code <!-- snippet: path#tag -->} and is,
 * line for line, the region between {@code // tag::tag[]} and {@code // end::tag[]} of that example source, which
 * this build compiles and whose tests run it. So a snippet cannot drift from code that works.
 */
class DocSnippetsTest {

    private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");

    @ParameterizedTest
    @ValueSource(strings = {"docs/embedding.md", "docs/extending.md"})
    void everyJavaSnippetIsTheTaggedRegionOfACompiledSource(String document) throws IOException {
        Path root = Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
        List<String> lines = Files.readAllLines(root.resolve(document), StandardCharsets.UTF_8);

        int snippets = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            if (i > 0 && lines.get(i - 1).strip().startsWith("<!-- program: ")) {
                continue; // a complete program: DocProgramsTest compiles and runs it as printed
            }
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : MARKER.matcher("");
            assertTrue(marker.matches(), document + ":" + (i + 1) + ": a ```java block must follow a <!-- snippet: "
                    + "path#tag --> or <!-- program: path --> line, so that a build checks it");
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            List<String> shown = stripTrailing(lines.subList(i + 1, end));
            List<String> source = region(root.resolve(marker.group(1)), marker.group(2));
            assertEquals(String.join("\n", source), String.join("\n", shown),
                    document + ":" + (i + 1) + " differs from " + marker.group(1) + "#" + marker.group(2));
            snippets++;
            i = end;
        }
        assertTrue(snippets > 0, document + " has no checked snippet");
    }

    /** The lines between the tag's markers, without nested markers, dedented. */
    private static List<String> region(Path source, String tag) throws IOException {
        assertTrue(Files.isRegularFile(source), "no such source: " + source);
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        int start = indexOf(lines, "// tag::" + tag + "[]", 0);
        assertTrue(start >= 0, source + " has no // tag::" + tag + "[]");
        int end = indexOf(lines, "// end::" + tag + "[]", start);
        assertTrue(end > start, source + " has no // end::" + tag + "[] after its tag");
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(start + 1, end)) {
            if (!line.strip().startsWith("// tag::") && !line.strip().startsWith("// end::")) {
                body.add(line);
            }
        }
        assertFalse(body.isEmpty(), source + "#" + tag + " is empty");
        int indent = body.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return stripTrailing(body.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }

    private static int indexOf(List<String> lines, String marker, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> stripTrailing(List<String> lines) {
        return lines.stream().map(String::stripTrailing).toList();
    }
}
