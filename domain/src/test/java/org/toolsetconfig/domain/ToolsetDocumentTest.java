package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolsetDocumentTest {

    private static Map<String, Object> toolset(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> discovered(List<?> items, Map<String, ?> overrides) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("discovered", items);
        if (overrides != null) {
            root.put("overrides", overrides);
        }
        return root;
    }

    private static List<String> names(List<Toolset> toolsets) {
        return toolsets.stream().map(t -> t.name().value()).toList();
    }

    private static ValidationProblem onlyProblemAt(ToolsetDocument document, String path) {
        List<ValidationProblem> at = document.problems().stream().filter(p -> p.path().equals(path)).toList();
        assertEquals(1, at.size(), () -> "problems at " + path + ": " + document.problems());
        return at.get(0);
    }

    @Test
    void readsTheDiscoveredFormAppliesOverridesAndSortsByPriorityThenName() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                        toolset("name", "kubernetes/core", "enabled", true),
                        toolset("name", "prometheus/metrics", "enabled", true, "endpoint", "http://prom:9090",
                                "timeout", 5),
                        toolset("name", "grafana/loki", "enabled", true),
                        toolset("name", "aws/s3", "enabled", true, "priority", 1)),
                Map.of("grafana/loki", Map.of("enabled", false),
                        "prometheus/metrics", Map.of("priority", 10, "timeout", 30))));

        assertFalse(document.hasErrors(), document.problems()::toString);
        assertEquals(ToolsetDocument.Form.DISCOVERED, document.form());
        List<Toolset> effective = document.effectiveToolsets();
        assertEquals(List.of("prometheus/metrics", "aws/s3", "kubernetes/core"), names(effective));
        Toolset prometheus = effective.get(0);
        assertEquals(10, prometheus.priority());
        assertEquals(Optional.of(URI.create("http://prom:9090")), prometheus.endpoint());
        assertEquals(Map.of("timeout", 30), prometheus.settings());
    }

    @Test
    void definedToolsetsKeepTheDisabledOnesWithOverridesApplied() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                        toolset("name", "kubernetes/core", "enabled", true),
                        toolset("name", "grafana/loki", "enabled", true),
                        toolset("name", "aws/s3", "enabled", false, "priority", 1)),
                Map.of("grafana/loki", Map.of("enabled", false, "priority", 5))));

        List<Toolset> defined = document.definedToolsets();

        assertEquals(List.of("grafana/loki", "aws/s3", "kubernetes/core"), names(defined));
        assertEquals(List.of(false, false, true), defined.stream().map(Toolset::enabled).toList());
        assertEquals(List.of("kubernetes/core"), names(document.effectiveToolsets()));
    }

    @Test
    void applyingOverridesLeavesTheDocumentUnchanged() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                toolset("name", "kubernetes/core", "enabled", true),
                toolset("name", "grafana/loki", "enabled", true)), Map.of("grafana/loki", Map.of("enabled", false))));

        document.effectiveToolsets();

        assertTrue(document.toolsets().stream().allMatch(Toolset::enabled));
        assertEquals(2, document.toolsets().size());
    }

    @Test
    void readsTheHolmesGptMapForm() {
        Map<String, Object> toolsets = new LinkedHashMap<>();
        toolsets.put("kubernetes/core", toolset("enabled", true));
        toolsets.put("prometheus/metrics", toolset("enabled", false, "prometheus_url", "http://p"));
        ToolsetDocument document = ToolsetDocument.fromTree(Map.of("toolsets", toolsets));

        assertFalse(document.hasErrors(), document.problems()::toString);
        assertEquals(ToolsetDocument.Form.HOLMESGPT, document.form());
        assertEquals(List.of("kubernetes/core"), names(document.effectiveToolsets()));
        assertEquals(Map.of("prometheus_url", "http://p"), document.toolsets().get(1).settings());
    }

    @Test
    void missingOrBlankNameIsAnErrorAtItsPath() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                toolset("name", "kubernetes/core", "enabled", true),
                toolset("enabled", true),
                toolset("name", "  ", "enabled", true)), null));

        assertTrue(onlyProblemAt(document, "discovered[1].name").isError());
        assertTrue(onlyProblemAt(document, "discovered[2].name").message().contains("missing or blank"));
    }

    @Test
    void duplicateNamesAreAnError() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                toolset("name", "kubernetes/core", "enabled", true),
                toolset("name", "kubernetes/core", "enabled", false)), null));

        ValidationProblem problem = onlyProblemAt(document, "discovered[1].name");
        assertTrue(problem.isError());
        assertTrue(problem.message().contains("duplicate"), problem.message());
    }

    @Test
    void badNameCharactersAreAnError() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                toolset("name", "kubernetes/core", "enabled", true),
                toolset("name", "bad name!", "enabled", true)), null));

        assertTrue(onlyProblemAt(document, "discovered[1].name").isError());
    }

    @Test
    void nonBooleanEnabledIsAnErrorAndMissingEnabledIsAWarningMeaningTrue() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                toolset("name", "kubernetes/core"),
                toolset("name", "prometheus/metrics", "enabled", "yes please")), null));

        ValidationProblem missing = onlyProblemAt(document, "discovered[0].enabled");
        assertEquals(Severity.WARNING, missing.severity());
        assertEquals(Severity.ERROR, onlyProblemAt(document, "discovered[1].enabled").severity());
        assertEquals(List.of("kubernetes/core"), names(document.effectiveToolsets()));
    }

    @Test
    void nonIntegerPriorityIsAnError() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                toolset("name", "kubernetes/core", "enabled", true, "priority", "high"),
                toolset("name", "prometheus/metrics", "enabled", true, "priority", 1.5),
                toolset("name", "grafana/loki", "enabled", true, "priority", 5_000_000_000L)), null));

        assertTrue(onlyProblemAt(document, "discovered[0].priority").isError());
        assertTrue(onlyProblemAt(document, "discovered[1].priority").isError());
        assertTrue(onlyProblemAt(document, "discovered[2].priority").message().contains("between"));
    }

    @Test
    void nonHttpEndpointIsAnError() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                toolset("name", "kubernetes/core", "enabled", true, "endpoint", "ftp://files"),
                toolset("name", "prometheus/metrics", "enabled", true, "endpoint", "not a uri at all"),
                toolset("name", "grafana/loki", "enabled", true, "endpoint", "https://loki:3100/")), null));

        assertTrue(onlyProblemAt(document, "discovered[0].endpoint").message().contains("http"));
        assertTrue(onlyProblemAt(document, "discovered[1].endpoint").isError());
        assertEquals(List.of("grafana/loki"), names(document.effectiveToolsets()));
    }

    @Test
    void overrideOfAnUnknownToolsetIsAWarning() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                toolset("name", "kubernetes/core", "enabled", true)), Map.of("nope/missing", Map.of("enabled", true))));

        ValidationProblem problem = onlyProblemAt(document, "overrides.nope/missing");
        assertEquals(Severity.WARNING, problem.severity());
        assertFalse(document.hasErrors());
        assertEquals(List.of("kubernetes/core"), names(document.effectiveToolsets()));
    }

    @Test
    void noEnabledToolsetIsAnError() {
        ToolsetDocument document = ToolsetDocument.fromTree(discovered(List.of(
                toolset("name", "kubernetes/core", "enabled", false)), null));

        assertTrue(onlyProblemAt(document, "discovered").message().contains("no toolset is enabled"));
        assertTrue(document.hasErrors());
    }

    @Test
    void bothFormsInOneDocumentIsAnError() {
        Map<String, Object> root = discovered(List.of(toolset("name", "kubernetes/core", "enabled", true)), null);
        root.put("toolsets", Map.of("prometheus/metrics", Map.of("enabled", true)));

        ToolsetDocument document = ToolsetDocument.fromTree(root);

        assertTrue(onlyProblemAt(document, "").message().contains("both forms"));
    }

    @Test
    void aDocumentThatIsNotAMappingIsAnErrorNotACrash() {
        assertTrue(ToolsetDocument.fromTree(List.of("a", "b")).hasErrors());
        assertTrue(ToolsetDocument.fromTree("just text").hasErrors());
        assertTrue(ToolsetDocument.fromTree(null).hasErrors());
        assertTrue(ToolsetDocument.fromTree(Map.of("something", 1)).hasErrors());
    }

    @Test
    void nullOverridesMeanNoOverrides() {
        Map<String, Object> root = new HashMap<>();
        root.put("discovered", List.of(toolset("name", "kubernetes/core", "enabled", true)));
        root.put("overrides", null);

        ToolsetDocument document = ToolsetDocument.fromTree(root);

        assertFalse(document.hasErrors(), document.problems()::toString);
        assertTrue(document.overrides().isEmpty());
    }

    @Test
    void settingsAreDeeplyImmutableAndKeepNullValues() {
        List<Object> nested = new ArrayList<>(List.of("x"));
        Map<String, Object> entry = toolset("name", "kubernetes/core", "enabled", true, "list", nested,
                "empty", null);
        Toolset toolset = ToolsetDocument.fromTree(discovered(List.of(entry), null)).toolsets().get(0);
        nested.add("y");

        assertEquals(List.of("x"), toolset.settings().get("list"));
        assertTrue(toolset.settings().containsKey("empty"));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> ((List<Object>) toolset.settings().get("list")).add("z"));
    }
}
