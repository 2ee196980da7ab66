package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toolsetconfig.bootstrap.YamlFiles.ROOT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The log event names operators alert on are an interface (DESIGN §7): each one is asserted by a
 * test that provokes it, or a line could be renamed, re-levelled or lost with the build green. The
 * list is §7's names plus every ERROR or WARN event the code writes (as the runbook check reads
 * them); "asserted" means a test source other than the lists themselves names the event in quotes.
 */
class EventNamesAssertedTest {

    /** Every name of DESIGN §7's list, whatever its level. */
    static final Set<String> SECTION_7 = Set.of(
            "toolset_config_service_started", "toolset_failure_recorded",
            "toolset_success_resetting_consecutive_failures", "toolset_max_failures_reached_triggering_auto_reload",
            "auto_reload_cooldown_active", "auto_reload_successful_config_changed",
            "auto_reload_config_unchanged_toolset_still_unavailable",
            "auto_reload_validation_failed_keeping_failure_counter", "auto_reload_error_keeping_failure_counter",
            "configmap_file_not_found_during_reload", "configmap_parse_error_during_reload",
            "new_config_validation_failed", "configmap_reload_complete", "toolset_reload_queued_active_sessions",
            "toolset_reload_immediate_no_active_sessions", "last_session_completed_applying_pending_reload",
            "stale_session_force_unregistered", "poll_interval_too_low", "poll_interval_too_high",
            "dev_mode_enabled_skipping_validation", "config_warning", "investigation_error_unknown_toolset",
            "configmap_file_unchanged_no_reload", "force_configmap_reload_triggered");

    /**
     * §7 names this version does not write (docs/operations.md says so in their sections): nothing
     * can provoke them yet. The check fails as soon as the code writes one, so it moves to the tests.
     */
    static final Set<String> NOT_WRITTEN_YET = Set.of();

    /**
     * ERROR/WARN events no unit test provokes yet, each with why; the check fails when one gets a
     * test, so this list only shrinks.
     */
    static final Map<String, String> NOT_PROVOKED_YET = Map.of(
            "config_watch_close_failed", "needs a WatchService whose close() throws",
            "event_stream_keep_alive_failed", "needs a keep-alive write that fails outside a closed connection");

    /** The lists above and the runbook's list name events without asserting them. */
    private static final Set<String> LISTS = Set.of("EventNamesAssertedTest.java", "OperationsRunbookTest.java");

    private static Set<String> alertedOn() throws IOException {
        Set<String> names = new TreeSet<>(SECTION_7);
        names.addAll(OperationsRunbookTest.DESIGN_EVENTS);
        names.addAll(OperationsRunbookTest.CHOSEN_AT_RUN_TIME);
        names.addAll(OperationsRunbookTest.eventsWrittenByTheCode());
        return names;
    }

    private static List<Path> sources(String kind) throws IOException {
        List<Path> modules;
        try (Stream<Path> top = Files.list(ROOT); Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
            modules = Stream.concat(top, examples).filter(Files::isDirectory).toList();
        }
        List<Path> files = new java.util.ArrayList<>();
        for (Path module : modules) {
            Path root = module.resolve("src").resolve(kind).resolve("java");
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(file -> file.toString().endsWith(".java"))
                            .filter(file -> !LISTS.contains(file.getFileName().toString())).forEach(files::add);
                }
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For each name, the test files that quote it. */
    private static Map<String, List<String>> quotedIn(Set<String> names, List<Path> files) {
        Map<String, List<String>> found = new TreeMap<>();
        List<Map.Entry<Path, String>> texts = files.stream().map(file -> Map.entry(file, read(file))).toList();
        for (String name : names) {
            found.put(name, texts.stream().filter(text -> text.getValue().contains("\"" + name + "\""))
                    .map(text -> text.getKey().getFileName().toString()).toList());
        }
        return found;
    }

    @Test
    void everyEventOperatorsAlertOnIsAssertedByATestThatProvokesIt() throws IOException {
        Set<String> names = alertedOn();
        names.removeAll(NOT_WRITTEN_YET);
        Map<String, List<String>> asserted = quotedIn(names, sources("test"));

        Set<String> missing = new TreeSet<>();
        asserted.forEach((name, files) -> {
            if (files.isEmpty() && !NOT_PROVOKED_YET.containsKey(name)) {
                missing.add(name);
            }
        });
        assertEquals(Set.of(), missing, "events no test asserts: provoke each one and assert its line");

        Set<String> nowAsserted = new TreeSet<>(NOT_PROVOKED_YET.keySet());
        nowAsserted.removeIf(name -> asserted.getOrDefault(name, List.of()).isEmpty());
        assertEquals(Set.of(), nowAsserted, "asserted now: remove them from NOT_PROVOKED_YET");
    }

    @Test
    void theNamesNotWrittenYetAreReallyNotWritten() throws IOException {
        Map<String, List<String>> written = quotedIn(NOT_WRITTEN_YET, sources("main"));

        written.forEach((name, files) -> assertEquals(List.of(), files,
                name + " is written now: take it off NOT_WRITTEN_YET and assert it in a test"));
    }

    @Test
    void theCheckSeesTheTestsAndWouldFlagANameNobodyAsserts() throws IOException {
        List<Path> tests = sources("test");
        Map<String, List<String>> found = quotedIn(Set.of("toolset_failure_recorded", "no_such_event_name"), tests);

        assertTrue(found.get("toolset_failure_recorded").contains("StructuredLoggingListenerTest.java"), found::toString);
        assertEquals(List.of(), found.get("no_such_event_name"));
        assertTrue(alertedOn().containsAll(Set.of("component_start_failed", "config_listener_failed",
                "startup_connectivity_validation_failed", "toolset_probe_failed",
                "config_watch_unavailable_polling_only")), "the code's ERROR/WARN events are in the list");
        assertFalse(NOT_PROVOKED_YET.keySet().stream().anyMatch(SECTION_7::contains),
                "every §7 name that is written is provoked by a test");
    }
}
