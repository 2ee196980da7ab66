package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code failurePatterns:} in both document forms and in overrides (DESIGN §9). */
class FailurePatternsFieldTest {

    private static Map<String, Object> entry(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void theHolmesGptFormReadsPatternsIntoTheToolsetNotItsSettings() {
        ToolsetDocument document = ToolsetDocument.fromTree(Map.of("toolsets", Map.of("kubernetes/core",
                entry("enabled", true, "failurePatterns", List.of("kube-apiserver", "rbac")))));

        Toolset toolset = document.effectiveToolsets().get(0);
        assertEquals(List.of("kube-apiserver", "rbac"), toolset.failurePatterns());
        assertFalse(toolset.settings().containsKey("failurePatterns"));
        assertEquals("toolsets.kubernetes/core", document.pathOf(toolset.name(), false));
        assertFalse(document.hasErrors(), document.problems().toString());
    }

    @Test
    void theDiscoveredFormReadsPatternsAndAnOverrideReplacesThem() {
        ToolsetDocument document = ToolsetDocument.fromTree(Map.of(
                "discovered", List.of(entry("name", "bad"), entry("name", "prometheus/metrics", "enabled", true,
                        "failurePatterns", List.of("promql"))),
                "overrides", Map.of("prometheus/metrics", entry("failurePatterns", List.of("thanos")))));

        Toolset toolset = document.definedToolsets().stream()
                .filter(t -> t.name().value().equals("prometheus/metrics")).findFirst().orElseThrow();
        assertEquals(List.of("thanos"), toolset.failurePatterns());
        assertEquals("discovered[1]", document.pathOf(toolset.name(), false), "the entry's place in the file");
        assertEquals("overrides.prometheus/metrics", document.pathOf(toolset.name(), true));
    }

    @Test
    void aToolsetWithoutPatternsHasNone() {
        ToolsetDocument document = ToolsetDocument.fromTree(Map.of("toolsets",
                Map.of("grafana/loki", entry("enabled", true))));

        assertEquals(List.of(), document.effectiveToolsets().get(0).failurePatterns());
    }

    @Test
    void everyBadPatternIsAnErrorAtItsPathAndTheEntryIsRefused() {
        List<Object> patterns = new java.util.ArrayList<>(List.of("ok", "  ", "x".repeat(513)));
        patterns.add(7);
        ToolsetDocument document = ToolsetDocument.fromTree(Map.of("toolsets", Map.of(
                "kubernetes/core", entry("enabled", true, "failurePatterns", patterns),
                "grafana/loki", entry("enabled", true, "failurePatterns", "grafana"),
                "prometheus/metrics", entry("enabled", true, "failurePatterns",
                        Collections.nCopies(33, "p")))));

        List<String> paths = document.problems().stream().filter(ValidationProblem::isError)
                .map(ValidationProblem::path).sorted().toList();
        assertEquals(List.of("toolsets.grafana/loki.failurePatterns", "toolsets.kubernetes/core.failurePatterns[1]",
                "toolsets.kubernetes/core.failurePatterns[2]", "toolsets.kubernetes/core.failurePatterns[3]",
                "toolsets.prometheus/metrics.failurePatterns"), paths);
        assertTrue(document.effectiveToolsets().isEmpty());
    }

    @Test
    void aChangedPatternIsAChangedToolset() {
        Toolset before = Toolset.named("kubernetes/core");
        Toolset after = new Toolset(before.name(), true, 0, before.endpoint(), before.type(), List.of("k8s"),
                before.settings());

        assertFalse(before.equals(after));
    }
}
