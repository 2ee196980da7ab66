package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DiffCommandTest {

    private static final String HOLMES = """
            toolsets:
              kubernetes/core:
                enabled: true
              prometheus/metrics:
                enabled: true
                config:
                  prometheus_url: http://prometheus:9090
                  api_key: first-s3cret-value
              grafana/loki:
                enabled: false
            """;

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int diff(String before, String after) throws IOException {
        Path old = Files.writeString(directory.resolve("old.yaml"), before);
        Path updated = Files.writeString(directory.resolve("new.yaml"), after);
        CommandLine commandLine = Cli.commandLine(Map.of());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute("diff", old.toString(), updated.toString());
    }

    private String printed() {
        return out.toString().replace(directory.toString(), "DIR").replace("\r\n", "\n");
    }

    @Test
    void formattingCommentsKeyOrderAndDisabledEntriesDoNotCount() throws IOException {
        String reformatted = """
                # the same toolsets, written differently
                toolsets:
                  prometheus/metrics: {config: {api_key: first-s3cret-value, prometheus_url: "http://prometheus:9090"}, enabled: yes}
                  kubernetes/core: {enabled: true}
                """;

        assertEquals(0, diff(HOLMES, reformatted), err::toString);

        assertEquals("--- DIR/old.yaml\n+++ DIR/new.yaml\nthe effective toolsets are the same\n", printed());
        assertEquals("", err.toString());
    }

    @Test
    void addedRemovedAndChangedToolsetsArePrintedWithTheirFieldPaths() throws IOException {
        String after = """
                toolsets:
                  kubernetes/core:
                    enabled: false
                  prometheus/metrics:
                    enabled: true
                    priority: 5
                    config:
                      prometheus_url: http://prometheus-2:9090
                      api_key: second-s3cret-value
                  grafana/loki:
                    enabled: true
                """;

        assertEquals(1, diff(HOLMES, after), err::toString);

        assertEquals("""
                --- DIR/old.yaml
                +++ DIR/new.yaml
                + grafana/loki
                - kubernetes/core
                ~ prometheus/metrics: priority, settings.config.api_key, settings.config.prometheus_url
                1 added, 1 removed, 1 changed
                """, printed());
        assertFalse(out.toString().contains("s3cret"), out::toString);
    }

    @Test
    void aDiscoveredListWithOverridesIsComparedAsItsEffectiveToolsets() throws IOException {
        String before = """
                discovered:
                  - name: kubernetes/core
                    enabled: true
                  - name: prometheus/metrics
                    enabled: true
                    endpoint: http://prometheus:9090
                """;
        String after = """
                discovered:
                  - name: kubernetes/core
                    enabled: true
                  - name: prometheus/metrics
                    enabled: true
                    endpoint: http://prometheus:9090
                overrides:
                  prometheus/metrics:
                    endpoint: http://thanos:9090
                """;

        assertEquals(1, diff(before, after), err::toString);

        assertEquals("""
                --- DIR/old.yaml
                +++ DIR/new.yaml
                ~ prometheus/metrics: endpoint
                0 added, 0 removed, 1 changed
                """, printed());
    }

    @Test
    void anInvalidFileExitsTwoWithItsProblems() throws IOException {
        String invalid = """
                discovered:
                  - name: -broken
                    enabled: true
                """;

        assertEquals(2, diff(HOLMES, invalid));

        assertEquals("", out.toString());
        assertTrue(err.toString().contains("new.yaml: INVALID: 1 error(s)"), err::toString);
        assertTrue(err.toString().contains("ERROR discovered[0].name (line 2, column"), err::toString);
    }

    @Test
    void anUnreadableFileExitsTwo() throws IOException {
        Path old = Files.writeString(directory.resolve("old.yaml"), HOLMES);
        CommandLine commandLine = Cli.commandLine(Map.of());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        assertEquals(2, commandLine.execute("diff", old.toString(), directory.resolve("missing.yaml").toString()));

        assertEquals("", out.toString());
        assertTrue(err.toString().contains("missing.yaml: UNREADABLE: config file"), err::toString);
    }
}
