package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolsetDiffTest {

    private static Toolset toolset(String name, int priority, Map<String, Object> settings) {
        return new Toolset(ToolsetName.of(name), true, priority, Optional.empty(), settings);
    }

    private static ToolsetDiff.Change change(String name, String... fields) {
        return new ToolsetDiff.Change(ToolsetName.of(name), List.of(fields));
    }

    private static List<ToolsetName> names(String... names) {
        return java.util.Arrays.stream(names).map(ToolsetName::of).toList();
    }

    @Test
    void sameToolsetsInAnotherOrderHaveNoDifference() {
        List<Toolset> toolsets = List.of(toolset("kubernetes/core", 0, Map.of()),
                toolset("prometheus/metrics", 5, Map.of("prometheus_url", "http://prom:9090")));

        ToolsetDiff diff = ToolsetDiff.between(toolsets, List.of(toolsets.get(1), toolsets.get(0)));

        assertTrue(diff.isEmpty());
        assertEquals(ToolsetDiff.NONE, diff);
    }

    @Test
    void addedAndRemovedNamesAreSorted() {
        ToolsetDiff diff = ToolsetDiff.between(
                List.of(toolset("zeta", 0, Map.of()), toolset("kept", 0, Map.of()), toolset("alpha", 0, Map.of())),
                List.of(toolset("kept", 0, Map.of()), toolset("mid", 0, Map.of()), toolset("beta", 0, Map.of())));

        assertEquals(new ToolsetDiff(names("beta", "mid"), names("alpha", "zeta"), List.of()), diff);
        assertEquals(Set.copyOf(names("alpha", "beta", "mid", "zeta")), diff.names());
    }

    @Test
    void changedFieldsAreNamedByPathInAFixedOrder() {
        Toolset before = new Toolset(ToolsetName.of("prometheus/metrics"), true, 0,
                Optional.of(URI.create("http://old:9090")), Toolset.Type.BUILT_IN,
                Map.of("config", Map.of("prometheus_url", "http://prom:9090", "timeout", 30), "description", "x"));
        Toolset after = new Toolset(ToolsetName.of("prometheus/metrics"), true, 7,
                Optional.of(URI.create("http://new:9090")), Toolset.Type.MCP,
                Map.of("config", Map.of("prometheus_url", "http://prom2:9090", "timeout", 30, "labels", "a"),
                        "description", "x"));

        assertEquals(new ToolsetDiff(List.of(), List.of(),
                        List.of(change("prometheus/metrics", "priority", "endpoint", "type", "settings.config.labels",
                                "settings.config.prometheus_url"))),
                ToolsetDiff.between(List.of(before), List.of(after)));
    }

    @Test
    void aChangedSecretShowsItsPathAndNeverItsValue() {
        Toolset before = toolset("grafana/loki", 0, Map.of("config", Map.of("api_key", "old-s3cret-value",
                "headers", Map.of("Authorization", "Bearer aaa"))));
        Toolset after = toolset("grafana/loki", 0, Map.of("config", Map.of("api_key", "new-s3cret-value",
                "headers", Map.of("Authorization", "Bearer aaa"))));

        ToolsetDiff diff = ToolsetDiff.between(List.of(before), List.of(after));

        assertEquals(List.of(change("grafana/loki", "settings.config.api_key")), diff.changed());
        assertFalse(diff.toString().contains("s3cret"), diff.toString());
    }

    @Test
    void listsOfTheSameLengthAreComparedItemByItemOthersAsAWhole() {
        Toolset before = toolset("kubernetes/core", 0, Map.of("clusters", List.of(Map.of("url", "http://a"),
                Map.of("url", "http://b")), "namespaces", List.of("x")));
        Toolset after = toolset("kubernetes/core", 0, Map.of("clusters", List.of(Map.of("url", "http://a"),
                Map.of("url", "http://c")), "namespaces", List.of("x", "y")));

        assertEquals(List.of(change("kubernetes/core", "settings.clusters[1].url", "settings.namespaces")),
                ToolsetDiff.between(List.of(before), List.of(after)).changed());
    }

    @Test
    void overridesAndDisablingCountAsTheEffectiveToolsetsSayWhenDiffingDocuments() {
        ToolsetDocument before = ToolsetDocument.fromTree(Map.of("toolsets", Map.of(
                "kubernetes/core", Map.of("enabled", true),
                "prometheus/metrics", Map.of("enabled", true, "config", Map.of("prometheus_url", "http://p:9090")))));
        ToolsetDocument after = ToolsetDocument.fromTree(Map.of("toolsets", Map.of(
                "kubernetes/core", Map.of("enabled", false),
                "prometheus/metrics", Map.of("enabled", true, "config", Map.of("prometheus_url", "http://q:9090")),
                "grafana/loki", Map.of("enabled", true))));

        assertEquals(new ToolsetDiff(names("grafana/loki"), names("kubernetes/core"),
                        List.of(change("prometheus/metrics", "settings.config.prometheus_url"))),
                ToolsetDiff.between(before.effectiveToolsets(), after.effectiveToolsets()));
    }

    @Test
    void theChangedNamesOfTwoSnapshotsAreTheDiffsNames() {
        ConfigSnapshot before = new ConfigSnapshot(1, List.of(toolset("a", 0, Map.of()), toolset("b", 0, Map.of())),
                Checksum.NONE, RevisionStamp.NONE, java.time.Instant.EPOCH);
        ConfigSnapshot after = new ConfigSnapshot(2, List.of(toolset("b", 3, Map.of()), toolset("c", 0, Map.of())),
                Checksum.NONE, RevisionStamp.NONE, java.time.Instant.EPOCH);

        assertEquals(Set.copyOf(names("a", "b", "c")), ConfigSnapshot.changedToolsets(before, after));
    }
}
