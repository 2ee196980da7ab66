package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages an operator acts on: they name what is wrong, all of it, and nothing that is not. */
class ToolsetDocumentMessagesTest {

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static List<String> errors(ToolsetDocument document) {
        return document.problems().stream().filter(ValidationProblem::isError).map(ValidationProblem::toString)
                .toList();
    }

    @Test
    void aTypoInEnabledIsAnErrorNamingTheKnownKeyNotASilentlyEnabledToolset() {
        ToolsetDocument document = ToolsetDocument.fromTree(map("toolsets", map(
                "kubernetes/core", map("enabled", true),
                "prometheus/metrics", map("enabeld", false, "prometheus_url", "http://prom:9090"))));

        assertEquals(List.of("toolsets.prometheus/metrics.enabeld: unknown key 'enabeld' — did you mean "
                + "'enabled'?"), errors(document));
        assertTrue(document.hasErrors(), "a document that would enable what the operator meant to disable is refused");
    }

    @Test
    void typosAreCaughtInEveryKindOfEntryAndAtTheTopLevel() {
        ToolsetDocument discovered = ToolsetDocument.fromTree(map(
                "discovered", List.of(map("name", "kubernetes/core", "enabled", true, "priorty", 3)),
                "overides", map("kubernetes/core", map("enabled", false))));
        assertEquals(List.of(
                "overides: unknown key 'overides' — did you mean 'overrides'?",
                "discovered[0].priorty: unknown key 'priorty' — did you mean 'priority'?"), errors(discovered));

        ToolsetDocument override = ToolsetDocument.fromTree(map(
                "discovered", List.of(map("name", "kubernetes/core", "enabled", true)),
                "overrides", map("kubernetes/core", map("Enabled", false))));
        assertEquals(List.of("overrides.kubernetes/core.Enabled: unknown key 'Enabled' — did you mean 'enabled'?"),
                errors(override));
    }

    @Test
    void freeFormKeysFarFromAnyKnownOneStaySettings() {
        ToolsetDocument document = ToolsetDocument.fromTree(map("toolsets", map("rabbitmq/core", map(
                "enabled", true, "config", map("clusters", List.of()), "llm_instructions", "x",
                "prometheus_url", "http://p", "timeout_seconds", 5))));

        assertFalse(document.hasErrors(), document.problems()::toString);
        assertEquals(List.of("config", "llm_instructions", "prometheus_url", "timeout_seconds"),
                List.copyOf(document.toolsets().get(0).settings().keySet()));
    }

    @Test
    void everyBadFieldOfAnEntryIsReportedNotOnlyTheFirst() {
        ToolsetDocument document = ToolsetDocument.fromTree(map("discovered", List.of(
                map("name", "kubernetes/core", "enabled", true),
                map("name", "prometheus/metrics", "enabled", "yes", "priority", "high", "endpoint", "ftp://p"))));

        assertEquals(List.of("discovered[1].enabled", "discovered[1].priority", "discovered[1].endpoint"),
                document.problems().stream().filter(ValidationProblem::isError).map(ValidationProblem::path).toList());
    }

    @Test
    void aBadFieldOfTheOnlyToolsetDoesNotAlsoClaimThatNoToolsetIsEnabled() {
        ToolsetDocument document = ToolsetDocument.fromTree(map("toolsets", map(
                "prometheus/metrics", map("enabled", true, "priority", "high"))));

        assertEquals(List.of("toolsets.prometheus/metrics.priority: must be a whole number, but it is the text "
                + "'high'"), errors(document));
    }

    @Test
    void anOverrideOfAToolsetRefusedForABadFieldIsNotCalledUnknown() {
        ToolsetDocument document = ToolsetDocument.fromTree(map(
                "discovered", List.of(map("name", "kubernetes/core", "enabled", true),
                        map("name", "grafana/loki", "enabled", true, "endpoint", "loki:3100")),
                "overrides", map("grafana/loki", map("priority", 2))));

        assertEquals(List.of("discovered[1].endpoint"), document.problems().stream().map(ValidationProblem::path)
                .toList(), document.problems()::toString);
    }

    @Test
    void aMisspeltSectionIsTheOnlyProblemNotAlsoItsConsequences() {
        ToolsetDocument document = ToolsetDocument.fromTree(map(
                "discoverd", List.of(map("name", "kubernetes/core", "enabled", true)),
                "overrides", map("kubernetes/core", map("priority", 2))));

        assertEquals(List.of("discoverd: unknown key 'discoverd' — did you mean 'discovered'?"),
                document.problems().stream().map(ValidationProblem::toString).toList());
    }

    @Test
    void helmValuesGetAHintTowardTheToolsetsMap() {
        ToolsetDocument document = ToolsetDocument.fromTree(map("holmes", map(
                "toolsets", map("kubernetes/core", map("enabled", true)))));

        List<String> errors = errors(document);
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("holmes: this looks like Helm values"), errors.get(0));
        assertTrue(errors.get(0).contains("'toolsets:' map at the top level"), errors.get(0));
    }

    @Test
    void mcpServersBecomeToolsetsOfTypeMcpEnabledByDefaultWithoutAWarning() {
        ToolsetDocument document = ToolsetDocument.fromTree(map(
                "toolsets", map("kubernetes/core", map("enabled", true)),
                "mcp_servers", map("my_server", map("description", "My MCP server",
                        "config", map("url", "http://example.com:8000/mcp/messages", "mode", "streamable-http")))));

        assertEquals(List.of(), document.problems());
        assertEquals(ToolsetDocument.Form.HOLMESGPT, document.form());
        Toolset server = document.toolsets().get(1);
        assertEquals("my_server", server.name().value());
        assertEquals(Toolset.Type.MCP, server.type());
        assertTrue(server.enabled());
        assertEquals(Toolset.Type.BUILT_IN, document.toolsets().get(0).type());
        assertEquals(List.of("kubernetes/core", "my_server"),
                document.effectiveToolsets().stream().map(t -> t.name().value()).toList());
    }

    @Test
    void aDocumentWithOnlyMcpServersIsTheHolmesGptForm() {
        ToolsetDocument document = ToolsetDocument.fromTree(map("mcp_servers", map("aws_api",
                map("url", "http://aws-mcp:8000"))));

        assertFalse(document.hasErrors(), document.problems()::toString);
        assertEquals(Toolset.Type.MCP, document.effectiveToolsets().get(0).type());
    }

    @Test
    void aNameInBothToolsetsAndMcpServersIsAnError() {
        ToolsetDocument document = ToolsetDocument.fromTree(map(
                "toolsets", map("grafana", map("enabled", true)),
                "mcp_servers", map("grafana", map("config", map("url", "http://g:8000")))));

        assertEquals(List.of("mcp_servers.grafana: toolset 'grafana' is defined both in 'toolsets:' and in "
                + "'mcp_servers:'; rename one of them"), errors(document));
    }
}
