package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toolsetconfig.bootstrap.YamlFiles.ROOT;
import static org.toolsetconfig.bootstrap.YamlFiles.list;
import static org.toolsetconfig.bootstrap.YamlFiles.map;
import static org.toolsetconfig.bootstrap.YamlFiles.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the alerts in one place: {@code deploy/prometheus/toolset-config-alerts.yaml} is the source,
 * the Kubernetes PrometheusRule carries exactly its groups, every alert says how bad it is and what
 * to check, and every alert has a promtool unit test that shows it firing and silent.
 * ({@code scripts/prometheus-checks.sh} runs promtool itself on these files.)
 */
class AlertRulesSourceTest {

    private static final Path RULE_FILE = ROOT.resolve("deploy/prometheus/toolset-config-alerts.yaml");
    private static final Path RULE_TESTS = ROOT.resolve("deploy/prometheus/toolset-config-alerts.test.yaml");
    private static final Path PROMETHEUS_RULE = ROOT.resolve("deploy/kubernetes/overlays/prometheus-operator/prometheusrule.yaml");

    private static Map<String, Object> load(Path file) throws IOException {
        return map(yaml().load(Files.readString(file)));
    }

    private static List<Map<String, Object>> alerts() throws IOException {
        return list(load(RULE_FILE).get("groups")).stream()
                .flatMap(group -> list(map(group).get("rules")).stream()).map(YamlFiles::map)
                .filter(rule -> rule.containsKey("alert")).toList();
    }

    @Test
    void thePrometheusRuleCarriesExactlyTheGroupsOfTheRuleFile() throws IOException {
        Map<String, Object> prometheusRule = load(PROMETHEUS_RULE);

        assertEquals("PrometheusRule", prometheusRule.get("kind"));
        assertEquals(load(RULE_FILE).get("groups"), map(prometheusRule.get("spec")).get("groups"),
                "deploy/kubernetes/overlays/prometheus-operator/prometheusrule.yaml is out of date: run scripts/generate-prometheusrule.sh");
    }

    @Test
    void everyAlertHasASeverityASummaryADescriptionARunbookAndItsUrl() throws IOException {
        Set<String> severities = Set.of("info", "warning", "critical");
        for (Map<String, Object> alert : alerts()) {
            Map<String, Object> labels = map(alert.get("labels"));
            Map<String, Object> annotations = map(alert.get("annotations"));
            assertTrue(severities.contains(labels.get("severity")), alert.get("alert") + ": severity " + labels);
            assertEquals(Set.of("summary", "description", "runbook", "runbook_url"), annotations.keySet(),
                    alert.get("alert") + "");
            assertTrue(String.valueOf(annotations.get("runbook")).startsWith("Check "),
                    alert.get("alert") + ": the runbook says what to check");
        }
    }

    @Test
    void theAlertsCoverEveryOperatorQuestion() throws IOException {
        List<String> expressions = alerts().stream().map(a -> String.valueOf(a.get("expr"))).toList();

        assertTrue(expressions.stream().anyMatch(e -> e.contains("holmesgpt_reload_pending")), "pending too long");
        assertTrue(expressions.stream().anyMatch(e -> e.matches("(?s)\\s*up\\{job=\"toolset-config-service\"} == 0\\s*")),
                "the service down");
        assertTrue(expressions.stream().anyMatch(e -> e.contains("absent(up{job=\"toolset-config-service\"})")),
                "the service absent");
        assertTrue(expressions.stream().anyMatch(e -> e.contains("result=\"config_unchanged\"")
                && e.contains("holmesgpt_toolset_failure_count")), "unchanged re-checks while the toolset still fails");
    }

    @Test
    void everyAlertHasAPromtoolUnitTestShowingItFiringAndSilent() throws IOException {
        Set<String> alertNames = alerts().stream().map(a -> (String) a.get("alert"))
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, Object> unitTests = load(RULE_TESTS);
        List<Map<String, Object>> cases = list(unitTests.get("tests")).stream()
                .flatMap(group -> list(map(group).get("alert_rule_test")).stream()).map(YamlFiles::map)
                .toList();

        assertEquals(List.of(RULE_TESTS.getParent().relativize(RULE_FILE).toString()), unitTests.get("rule_files"));
        Set<String> firing = cases.stream().filter(c -> !list(c.get("exp_alerts")).isEmpty())
                .map(c -> (String) c.get("alertname")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> silent = cases.stream().filter(c -> list(c.get("exp_alerts")).isEmpty())
                .map(c -> (String) c.get("alertname")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(alertNames, firing, "an alert without a test that fires it");
        assertEquals(alertNames, silent, "an alert without a test that shows it silent");
        for (Map<String, Object> testCase : cases) {
            for (Object expected : list(testCase.get("exp_alerts"))) {
                assertFalse(map(map(expected).get("exp_annotations")).isEmpty(),
                        testCase.get("alertname") + " at " + testCase.get("eval_time") + " checks its annotations");
            }
        }
    }
}
