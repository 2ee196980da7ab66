package org.toolsetconfig.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.InvestigationOutcomeCommand;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.ToolsetName;

/** The real core, wired the way bootstrap wires it, scraped as Prometheus text after a scripted scenario. */
class PrometheusScenarioTest {

    private static final String FIRST = "kubernetes\nprometheus\n";
    private static final String SECOND = "kubernetes\nprometheus disabled\ngrafana/loki\n";

    /** One sample line of the 0.0.4 text format: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)");

    private final MutableClock clock = MutableClock.atEpochPlusOneDay();
    private final InMemoryConfigSource source = new InMemoryConfigSource(FIRST);
    private ToolsetConfigCore core;
    private PrometheusScrape prometheus;

    @BeforeEach
    void wire() {
        CoreSettings settings = CoreSettings.defaults();
        core = ToolsetConfigCore.builder().configSource(source).configDecoder(new LineDecoder()).clock(clock)
                .settings(settings).structuredLogging(false).build();
        prometheus = new PrometheusScrape(new ToolsetMetrics(core.queries(), core.events(), LabelLimits.of(settings)));
    }

    @AfterEach
    void close() {
        prometheus.close();
    }

    @Test
    void scenarioScrapesEveryMeterWithItsExactNameLabelsAndValue() {
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, core.reloads().startup());
        // Three failures with an unchanged file: the third forces a re-check that finds nothing new.
        report("kubernetes", "Timeout");
        report("kubernetes", "Timeout");
        RecordFailureResult.Recorded third = report("kubernetes", "Timeout");
        assertEquals(new ReloadAttempt.Attempted(new ReloadOutcome.ConfigUnchanged(sha256(FIRST))), third.reload());
        // The fourth is inside the 60 s cooldown.
        assertInstanceOf(ReloadAttempt.BlockedByCooldown.class, report("kubernetes", null).reload());
        report("prometheus", "ConnectionRefused");
        core.sessions().register(SessionId.of("inv-1"));
        clock.advance(Duration.ofSeconds(10));
        source.write(SECOND);
        ReloadOutcome manual = core.reloads().reload(ReloadTrigger.MANUAL);
        assertEquals(ReloadOutcome.Applied.DEFERRED, assertInstanceOf(ReloadOutcome.ConfigChanged.class, manual).applied());

        String deferred = prometheus.scrape();
        assertLines(deferred,
                "holmesgpt_reload_pending 1.0",
                "holmesgpt_active_investigation_sessions 1.0",
                "holmesgpt_toolsets_active 2.0",
                "holmesgpt_config_info{checksum=\"" + sha256(FIRST).hex() + "\",generation=\"1\"} 1",
                "holmesgpt_toolset_failure_count{toolset=\"prometheus\"} 1.0");

        core.sessions().unregister(SessionId.of("inv-1"));
        String applied = prometheus.scrape();
        assertLines(applied,
                "holmesgpt_auto_reload_triggered_total{result=\"config_unchanged\",toolset=\"kubernetes\"} 1.0",
                "holmesgpt_auto_reload_duration_seconds_bucket{result=\"config_unchanged\",le=\"0.001\"} 1",
                "holmesgpt_auto_reload_duration_seconds_bucket{result=\"config_unchanged\",le=\"+Inf\"} 1",
                "holmesgpt_auto_reload_duration_seconds_count{result=\"config_unchanged\"} 1",
                "holmesgpt_auto_reload_duration_seconds_sum{result=\"config_unchanged\"} 0.0",
                "holmesgpt_consecutive_failures_before_reload_bucket{toolset=\"kubernetes\",le=\"2.0\"} 0",
                "holmesgpt_consecutive_failures_before_reload_bucket{toolset=\"kubernetes\",le=\"3.0\"} 1",
                "holmesgpt_consecutive_failures_before_reload_bucket{toolset=\"kubernetes\",le=\"10.0\"} 1",
                "holmesgpt_consecutive_failures_before_reload_count{toolset=\"kubernetes\"} 1",
                "holmesgpt_consecutive_failures_before_reload_sum{toolset=\"kubernetes\"} 3.0",
                "holmesgpt_reload_cooldown_blocks_total{toolset=\"kubernetes\"} 1.0",
                "holmesgpt_configmap_reload_total{result=\"config_changed\",trigger=\"startup\"} 1.0",
                "holmesgpt_configmap_reload_total{result=\"config_unchanged\",trigger=\"failure_threshold\"} 1.0",
                "holmesgpt_configmap_reload_total{result=\"config_changed\",trigger=\"manual\"} 1.0",
                "holmesgpt_config_last_reload_successful 1.0",
                "holmesgpt_config_last_reload_success_timestamp_seconds 1.76731201E9",
                "holmesgpt_config_info{checksum=\"" + sha256(SECOND).hex() + "\",generation=\"2\"} 1",
                "holmesgpt_toolsets_active 2.0",
                "holmesgpt_toolset_failure_count{toolset=\"kubernetes\"} 4.0",
                // prometheus was disabled by the new file: its failures were under the old definition (B6).
                "holmesgpt_toolset_failure_count{toolset=\"prometheus\"} 0.0",
                "holmesgpt_toolset_failures_total{error_type=\"Timeout\",toolset=\"kubernetes\"} 3.0",
                "holmesgpt_toolset_failures_total{error_type=\"UnknownError\",toolset=\"kubernetes\"} 1.0",
                "holmesgpt_toolset_failures_total{error_type=\"ConnectionRefused\",toolset=\"prometheus\"} 1.0",
                "holmesgpt_active_investigation_sessions 0.0",
                "holmesgpt_reload_pending 0.0",
                "holmesgpt_dev_mode_enabled 0.0");
        assertEquals(1, samples(applied, "holmesgpt_config_info").size(), "the old generation's series is gone");

        clock.advance(Duration.ofSeconds(5));
        source.write("kubernetes\n!broken\n");
        core.reloads().reload(ReloadTrigger.POLL);
        assertLines(prometheus.scrape(),
                "holmesgpt_configmap_reload_total{result=\"validation_failed\",trigger=\"poll\"} 1.0",
                "holmesgpt_config_last_reload_successful 0.0",
                "holmesgpt_config_last_reload_success_timestamp_seconds 1.76731201E9",
                "holmesgpt_config_info{checksum=\"" + sha256(SECOND).hex() + "\",generation=\"2\"} 1");
    }

    @Test
    void everyDesignNameIsScrapedWithItsTypeAndNoOtherServiceFamilies() {
        core.reloads().startup();
        for (int i = 0; i < 4; i++) {
            report("kubernetes", "Timeout");
        }
        String text = prometheus.scrape();
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("holmesgpt_auto_reload_triggered_total", "counter"),
                Map.entry("holmesgpt_auto_reload_duration_seconds", "histogram"),
                Map.entry("holmesgpt_consecutive_failures_before_reload", "histogram"),
                Map.entry("holmesgpt_reload_cooldown_blocks_total", "counter"),
                Map.entry("holmesgpt_configmap_reload_total", "counter"),
                Map.entry("holmesgpt_config_last_reload_successful", "gauge"),
                Map.entry("holmesgpt_config_last_reload_success_timestamp_seconds", "gauge"),
                Map.entry("holmesgpt_config_info", "gauge"),
                Map.entry("holmesgpt_toolsets_active", "gauge"),
                Map.entry("holmesgpt_toolset_failure_count", "gauge"),
                Map.entry("holmesgpt_toolset_failures_total", "counter"),
                Map.entry("holmesgpt_active_investigation_sessions", "gauge"),
                Map.entry("holmesgpt_reload_pending", "gauge"),
                Map.entry("holmesgpt_dev_mode_enabled", "gauge"),
                Map.entry("holmesgpt_toolset_status", "gauge"),
                Map.entry("holmesgpt_investigation_outcomes_total", "counter"),
                // Not in DESIGN §7's table: the refusals of B3's tracking cap (issue 19), 0 until one happens.
                Map.entry("holmesgpt_toolset_failures_not_tracked_total", "counter"),
                // Micrometer's companion of every timer and distribution summary.
                Map.entry("holmesgpt_auto_reload_duration_seconds_max", "gauge"),
                Map.entry("holmesgpt_consecutive_failures_before_reload_max", "gauge")));
        assertEquals(expected, families(text, "holmesgpt_"));
    }

    @Test
    void eachDefinedToolsetHasOneStatusSetAndOutcomesCountByResultAndMatch() {
        core.reloads().startup();
        String before = prometheus.scrape();
        assertLines(before,
                "holmesgpt_investigation_outcomes_total{matched=\"false\",result=\"failure\"} 0.0",
                "holmesgpt_investigation_outcomes_total{matched=\"true\",result=\"success\"} 0.0",
                "holmesgpt_toolset_status{status=\"healthy\",toolset=\"kubernetes\"} 1.0",
                "holmesgpt_toolset_status{status=\"failing\",toolset=\"kubernetes\"} 0.0");

        for (int i = 0; i < 3; i++) {
            core.investigations().record(new InvestigationOutcomeCommand.Failed("kubernetes: pods is forbidden",
                    Optional.empty(), List.of(), Optional.empty()));
        }
        core.investigations().record(new InvestigationOutcomeCommand.Failed("LLM gave up", Optional.empty(),
                List.of(), Optional.empty()));
        core.investigations().record(new InvestigationOutcomeCommand.Succeeded(List.of(ToolsetName.of("prometheus"))));

        String after = prometheus.scrape();
        assertLines(after,
                "holmesgpt_toolset_status{status=\"healthy\",toolset=\"kubernetes\"} 0.0",
                "holmesgpt_toolset_status{status=\"failing\",toolset=\"kubernetes\"} 1.0",
                "holmesgpt_toolset_status{status=\"healthy\",toolset=\"prometheus\"} 1.0",
                "holmesgpt_investigation_outcomes_total{matched=\"true\",result=\"failure\"} 3.0",
                "holmesgpt_investigation_outcomes_total{matched=\"false\",result=\"failure\"} 1.0",
                "holmesgpt_investigation_outcomes_total{matched=\"true\",result=\"success\"} 1.0");
        assertEquals(4 * 2, samples(after, "holmesgpt_toolset_status").size(), "four states per defined toolset");

        source.write("prometheus\n");
        core.reloads().reload(ReloadTrigger.MANUAL);
        assertEquals(4, samples(prometheus.scrape(), "holmesgpt_toolset_status").size(), "a removed toolset's go");
    }

    @Test
    void jvmAndProcessMetersKeepTheirStandardNames() {
        Map<String, String> families = families(prometheus.scrape(), "");
        for (String name : List.of("jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_memory_allocated_bytes_total",
                "jvm_threads_live_threads", "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_count",
                "process_uptime_seconds", "process_start_time_seconds", "process_files_open_files")) {
            assertTrue(families.containsKey(name), name + " missing from " + families.keySet());
        }
    }

    @Test
    void scrapeIsWellFormedTextFormat() {
        core.reloads().startup();
        report("kubernetes/core", "Timeout");
        String text = prometheus.scrape();
        assertEquals("text/plain; version=0.0.4; charset=utf-8", prometheus.contentType());
        for (String line : text.split("\n")) {
            if (!line.startsWith("#") && !line.isEmpty()) {
                assertTrue(SAMPLE.matcher(line).matches(), "not a sample line: " + line);
            }
            assertFalse(line.contains("_seconds_seconds") || line.contains("_total_total"), line);
        }
        assertLines(text, "holmesgpt_toolset_failures_total{error_type=\"Timeout\",toolset=\"kubernetes/core\"} 1.0");
    }

    @Test
    void closeClosesTheRegistry() {
        prometheus.close();
        assertTrue(prometheus.registry().isClosed());
    }

    private RecordFailureResult.Recorded report(String toolset, String errorType) {
        return assertInstanceOf(RecordFailureResult.Recorded.class, core.outcomes().recordFailure(
                RecordFailureCommand.of(ToolsetName.of(toolset), errorType, "it failed")));
    }

    private static Checksum sha256(String content) {
        return Checksum.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Each expected line appears verbatim in the scrape. */
    private static void assertLines(String scrape, String... expected) {
        List<String> lines = List.of(scrape.split("\n"));
        for (String line : expected) {
            if (!lines.contains(line)) {
                String name = line.substring(0, line.indexOf(line.contains("{") ? '{' : ' '));
                fail("missing line: " + line + "\nlines of that name:\n" + String.join("\n", samples(scrape, name)));
            }
        }
    }

    /** The sample lines of one metric family (its own name and its _bucket/_count/_sum lines). */
    private static List<String> samples(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")
                || line.startsWith(name + "_bucket") || line.startsWith(name + "_count") || line.startsWith(name + "_sum"))
                .toList();
    }

    /** Family name to type, from the # TYPE lines. */
    private static Map<String, String> families(String scrape, String prefix) {
        Pattern type = Pattern.compile("# TYPE (" + Pattern.quote(prefix) + "\\S*) (\\S+)");
        return scrape.lines().map(type::matcher).filter(Matcher::matches)
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> a, TreeMap::new));
    }
}
