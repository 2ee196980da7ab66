package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toolsetconfig.bootstrap.YamlFiles.ROOT;
import static org.toolsetconfig.bootstrap.YamlFiles.list;
import static org.toolsetconfig.bootstrap.YamlFiles.map;
import static org.toolsetconfig.bootstrap.YamlFiles.yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/operations.md} a runbook for everything that pages or warns: a {@code ### name} section for
 * every alert of the rule file and every ERROR or WARN log event, whether DESIGN §7 names it or the code writes it,
 * and every alert's {@code runbook_url} pointing at its section.
 */
class OperationsRunbookTest {

    private static final Path RUNBOOK = ROOT.resolve("docs/operations.md");
    private static final Path RULE_FILE = ROOT.resolve("deploy/prometheus/toolset-config-alerts.yaml");

    /** The ERROR and WARN events of DESIGN §7's list, which operators alert on whether or not the code writes them. */
    static final Set<String> DESIGN_EVENTS = Set.of(
            "toolset_failure_recorded", "toolset_max_failures_reached_triggering_auto_reload",
            "auto_reload_cooldown_active", "auto_reload_config_unchanged_toolset_still_unavailable",
            "auto_reload_validation_failed_keeping_failure_counter", "auto_reload_error_keeping_failure_counter",
            "configmap_file_not_found_during_reload", "configmap_parse_error_during_reload",
            "new_config_validation_failed", "stale_session_force_unregistered", "poll_interval_too_low",
            "poll_interval_too_high", "dev_mode_enabled_skipping_validation", "config_warning",
            "investigation_error_unknown_toolset");

    /** Events whose level or name the code chooses at run time, which the patterns below cannot read. */
    static final Set<String> CHOSEN_AT_RUN_TIME = Set.of(
            "configmap_read_error_during_reload", "startup_connectivity_validation_failed",
            "pending_reload_applied_max_deferral_reached");

    /** The ways main code writes an ERROR or WARN event with a literal name. */
    private static final List<Pattern> WARN_OR_ERROR_LINES = List.of(
            Pattern.compile("\\.at(?:Warn|Error)\\(\\)\\s*\\.setMessage\\(\"([a-z0-9_]+)\"\\)"),
            Pattern.compile("\\b(?:LOG|log)\\.(?:warn|error)\\(\"([a-z0-9_]+)\""),
            Pattern.compile("\\bat\\(Level\\.(?:WARN|ERROR),\\s*\"([a-z0-9_]+)\"\\)"),
            // Setting warnings are written at WARN under their own event name when the service starts.
            Pattern.compile("new SettingWarning\\(\"([a-z0-9_]+)\""),
            // A clamped setting's declaration names the WARN events its clamping logs (Setting.Kind).
            Pattern.compile("clampedSeconds\\([^\"]*\"([a-z0-9_]+)\""),
            Pattern.compile("clampedSeconds\\([^\"]*\"[a-z0-9_]+\",\\s*\"([a-z0-9_]+)\""));

    private static final Pattern SECTION = Pattern.compile("^###\\s+(.+?)\\s*$", Pattern.MULTILINE);
    private static final Pattern LOCAL_LINK = Pattern.compile("\\]\\(#([^)]+)\\)");

    @Test
    void everyAlertHasASectionAndItsRunbookUrlPointsAtIt() throws IOException {
        Set<String> sections = sections();
        List<Map<String, Object>> alerts = alerts();

        assertTrue(alerts.size() >= 6, "the rule file's alerts were read: " + alerts.size());
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            assertTrue(sections.contains(name), "docs/operations.md has no '### " + name + "' section");
            assertEquals("docs/operations.md#" + anchor(name), map(alert.get("annotations")).get("runbook_url"),
                    name + ": runbook_url must point at its section");
        }
    }

    @Test
    void everyErrorOrWarnEventHasASection() throws IOException {
        Set<String> fromCode = eventsWrittenByTheCode();
        // The patterns must keep finding both styles the code uses, or this test would pass on nothing.
        assertTrue(fromCode.containsAll(Set.of("toolset_failure_recorded", "config_recheck_failed",
                "reload_failed_unexpectedly", "poll_interval_too_low")), "events found in the code: " + fromCode);

        Set<String> events = new TreeSet<>(fromCode);
        events.addAll(DESIGN_EVENTS);
        events.addAll(CHOSEN_AT_RUN_TIME);
        Set<String> missing = new TreeSet<>(events);
        missing.removeAll(sections());

        assertEquals(Set.of(), missing, "ERROR/WARN events without a '### name' section in docs/operations.md");
    }

    @Test
    void everyLinkInsideTheRunbookLandsOnASection() throws IOException {
        String runbook = Files.readString(RUNBOOK);
        Set<String> anchors = Stream.concat(sections().stream(), headings(runbook, "^##\\s+(.+?)\\s*$").stream())
                .map(OperationsRunbookTest::anchor).collect(Collectors.toSet());

        Matcher link = LOCAL_LINK.matcher(runbook);
        while (link.find()) {
            assertTrue(anchors.contains(link.group(1)), "docs/operations.md links to #" + link.group(1)
                    + ", which no heading makes");
        }
    }

    private static Set<String> sections() throws IOException {
        return headings(Files.readString(RUNBOOK), SECTION.pattern());
    }

    private static Set<String> headings(String text, String pattern) {
        Matcher heading = Pattern.compile(pattern, Pattern.MULTILINE).matcher(text);
        Set<String> names = new TreeSet<>();
        while (heading.find()) {
            names.add(heading.group(1));
        }
        return names;
    }

    /** The fragment the forge makes of a heading: lower case, punctuation but '-' and '_' dropped, spaces as '-'. */
    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private static List<Map<String, Object>> alerts() throws IOException {
        Map<String, Object> rules = map(yaml().load(Files.readString(RULE_FILE)));
        return list(rules.get("groups")).stream()
                .flatMap(group -> list(map(group).get("rules")).stream()).map(YamlFiles::map)
                .filter(rule -> rule.containsKey("alert")).toList();
    }

    static Set<String> eventsWrittenByTheCode() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(dir -> dir.getFileName().toString()
                    .matches("domain|application|adapters-[a-z]+|bootstrap")).toList()) {
                Path sources = module.resolve("src/main/java");
                if (Files.isDirectory(sources)) {
                    try (Stream<Path> files = Files.walk(sources)) {
                        files.filter(file -> file.toString().endsWith(".java"))
                                .flatMap(OperationsRunbookTest::eventNames).forEach(names::add);
                    }
                }
            }
        }
        return names;
    }

    private static Stream<String> eventNames(Path source) {
        String code;
        try {
            code = Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return WARN_OR_ERROR_LINES.stream().flatMap(pattern -> pattern.matcher(code).results())
                .map(match -> match.group(1));
    }
}
