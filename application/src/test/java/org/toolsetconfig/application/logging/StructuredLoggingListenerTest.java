package org.toolsetconfig.application.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.ToolsetName;

class StructuredLoggingListenerTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final MutableClock clock = MutableClock.atEpochPlusOneDay();
    private final InMemoryConfigSource source = new InMemoryConfigSource("kubernetes\nprometheus disabled\n");
    private ToolsetConfigCore core;

    @BeforeEach
    void captureTheEventLogger() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger(StructuredLoggingListener.LOGGER_NAME);
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
        core = ToolsetConfigCore.builder().configSource(source).configDecoder(new LineDecoder()).clock(clock)
                .settings(CoreSettings.defaults()).structuredLogging(false)
                .eventListener(new StructuredLoggingListener(logger)).build();
        core.reloads().startup();
        appender.list.clear();
    }

    private List<String> names() {
        return appender.list.stream().map(ILoggingEvent::getMessage).toList();
    }

    private ILoggingEvent only(String name) {
        List<ILoggingEvent> matching = appender.list.stream().filter(e -> e.getMessage().equals(name)).toList();
        assertEquals(1, matching.size(), () -> name + " in " + names());
        return matching.get(0);
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
    }

    private void fail(String toolset, String message) {
        core.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of(toolset), "Timeout", message));
    }

    @Test
    void thresholdFlowWritesTheOperatorEventNamesAtTheirLevels() {
        fail("prometheus", "x".repeat(500));
        fail("prometheus", "b");
        fail("prometheus", "c");
        fail("prometheus", "d");

        ILoggingEvent recorded = appender.list.get(0);
        assertEquals("toolset_failure_recorded", recorded.getMessage());
        assertEquals(Level.WARN, recorded.getLevel());
        assertEquals(201, ((String) fields(recorded).get("error_message")).length());
        assertEquals("prometheus", String.valueOf(fields(recorded).get("toolset")));
        assertEquals(Level.ERROR, only("toolset_max_failures_reached_triggering_auto_reload").getLevel());
        ILoggingEvent unchanged = only("auto_reload_config_unchanged_toolset_still_unavailable");
        assertEquals(Level.WARN, unchanged.getLevel());
        assertEquals("config_unchanged", fields(unchanged).get("result"));
        assertEquals(Level.WARN, only("auto_reload_cooldown_active").getLevel());
    }

    @Test
    void invalidFileIsLoggedAtErrorOnceThenOnlyAsARepeat() {
        source.write("kubernetes disabled\n");
        core.reloads().reload(ReloadTrigger.WATCH);
        core.reloads().reload(ReloadTrigger.POLL);
        source.write("! syntax\n");
        core.reloads().reload(ReloadTrigger.WATCH);

        ILoggingEvent invalid = only("new_config_validation_failed");
        assertEquals(Level.ERROR, invalid.getLevel());
        assertTrue(String.valueOf(fields(invalid).get("problems")).contains("no toolset is enabled"));
        assertEquals(Level.ERROR, only("configmap_parse_error_during_reload").getLevel());
        assertTrue(appender.list.stream().anyMatch(e -> e.getMessage().equals("configmap_reload_complete")
                && Boolean.TRUE.equals(fields(e).get("repeated_rejection"))));
    }

    @Test
    void sessionsDeferralAndExpiryAreLogged() {
        core.sessions().register(SessionId.of("s1"));
        source.write("kubernetes\nprometheus\n");
        core.reloads().reload(ReloadTrigger.WATCH);
        assertEquals(1, fields(only("toolset_reload_queued_active_sessions")).get("active_sessions"));

        clock.advance(Duration.ofSeconds(600));
        core.sessions().sweep();

        assertEquals(Level.WARN, only("stale_session_force_unregistered").getLevel());
        assertEquals(2L, fields(only("pending_reload_applied_stale_sessions_expired")).get("generation"));
    }

    @Test
    void missingFileHasItsOwnEvent() {
        source.makeUnavailable(org.toolsetconfig.domain.ReloadOutcome.ErrorKind.NOT_FOUND);
        core.reloads().reload(ReloadTrigger.POLL);
        assertEquals(Level.ERROR, only("configmap_file_not_found_during_reload").getLevel());
    }

    @Test
    void immediateApplyIsLogged() {
        source.write("kubernetes\nprometheus\n");
        core.reloads().reload(ReloadTrigger.MANUAL);
        Map<String, Object> applied = fields(only("toolset_reload_immediate_no_active_sessions"));
        assertEquals(List.of("prometheus"), applied.get("changed_toolsets"));
        assertEquals(2, applied.get("toolsets_active"));
    }
}
