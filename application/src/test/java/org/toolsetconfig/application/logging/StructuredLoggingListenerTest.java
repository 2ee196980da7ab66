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
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.Optional;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.InvestigationOutcomeCommand;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ToolsetConfigListener;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.application.testing.TestCores;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.Toolset;
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
    void anInvestigationErrorNoToolsetAnswersForIsLoggedAtError() {
        core.investigations().record(new InvestigationOutcomeCommand.Failed("context window exceeded\nforged=1",
                Optional.of("LLMError"), List.of(), Optional.empty()));

        ILoggingEvent unknown = only("investigation_error_unknown_toolset");
        assertEquals(Level.ERROR, unknown.getLevel());
        assertEquals("LLMError", fields(unknown).get("error_type"));
        assertEquals("context window exceeded\\u000aforged=1", fields(unknown).get("error_message"));
    }

    @Test
    void failuresCarryTheirErrorClassAndHealthMovesAreLogged() {
        fail("kubernetes", "pods is forbidden");

        assertEquals("auth", fields(only("toolset_failure_recorded")).get("error_class"));
        ILoggingEvent moved = only("toolset_health_changed");
        assertEquals(Level.INFO, moved.getLevel());
        assertEquals("healthy", fields(moved).get("from"));
        assertEquals("degraded", fields(moved).get("to"));
        assertEquals("auth", fields(moved).get("error_class"));
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

    @Test
    void eachWarningOfAnAppliedDocumentIsOneConfigWarningLineWithItsPath() {
        source.write("kubernetes implicit\nprometheus implicit\n");
        core.reloads().reload(ReloadTrigger.WATCH);

        List<ILoggingEvent> warnings = appender.list.stream().filter(e -> e.getMessage().equals("config_warning"))
                .toList();
        assertEquals(2, warnings.size(), () -> String.valueOf(names()));
        assertEquals(Level.WARN, warnings.get(0).getLevel());
        Map<String, Object> first = fields(warnings.get(0));
        assertEquals("discovered[0].enabled", first.get("path"));
        assertTrue(String.valueOf(first.get("message")).contains("is missing"), String.valueOf(first));
        assertEquals(2L, first.get("generation"));
        assertEquals("discovered[1].enabled", fields(warnings.get(1)).get("path"));

        appender.list.clear();
        source.write("kubernetes\n");
        core.reloads().reload(ReloadTrigger.WATCH);
        assertEquals(0, count("config_warning"), "a document without warnings logs none");
    }

    private long count(String name) {
        return appender.list.stream().filter(e -> e.getMessage().equals(name)).count();
    }

    @Test
    void aFloodOfFailuresOfOneToolsetWritesTheFirstLineThenOneLinePerTenSecondsWithTheCount() {
        // 1 000 failures over 25 s of the injected clock, 40 a second: past the threshold every one
        // is inside the cooldown, so each also publishes auto_reload_cooldown_active.
        for (int i = 0; i < 1_000; i++) {
            fail("kubernetes", "connection refused");
            clock.advance(Duration.ofMillis(25));
        }

        // Written at 0 s, 10 s and 20 s; the other 997 are counted in the later lines.
        List<ILoggingEvent> failures = appender.list.stream()
                .filter(e -> e.getMessage().equals("toolset_failure_recorded")).toList();
        assertEquals(3, failures.size(), names()::toString);
        assertEquals(null, fields(failures.get(0)).get("suppressed"), "the first line of a burst says nothing left out");
        assertEquals(399, fields(failures.get(1)).get("suppressed"));
        assertEquals(399, fields(failures.get(2)).get("suppressed"));
        assertEquals(3, count("auto_reload_cooldown_active"));
        assertEquals(1, count("toolset_max_failures_reached_triggering_auto_reload"), "a trigger is never suppressed");
        assertEquals(1, count("auto_reload_config_unchanged_toolset_still_unavailable"), "nor is its outcome");
    }

    @Test
    void theFloodRuleHoldsPerToolset() {
        fail("kubernetes", "a");
        fail("kubernetes", "b");
        fail("prometheus", "a");

        assertEquals(2, count("toolset_failure_recorded"), names()::toString);
        clock.advance(FloodGuard.WINDOW);
        fail("kubernetes", "c");
        List<ILoggingEvent> kubernetes = appender.list.stream()
                .filter(e -> e.getMessage().equals("toolset_failure_recorded")
                        && String.valueOf(fields(e).get("toolset")).equals("kubernetes")).toList();
        assertEquals(2, kubernetes.size());
        assertEquals(1, fields(kubernetes.get(1)).get("suppressed"));
    }

    @Test
    void failureAndTriggerLinesCarryTheSeedFields() {
        fail("kubernetes", "first");
        clock.advance(FloodGuard.WINDOW);
        fail("kubernetes", "second");
        clock.advance(FloodGuard.WINDOW);
        core.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of("kubernetes"), "AuthError",
                "401 from the API server"));

        Map<String, Object> recorded = fields(appender.list.stream()
                .filter(e -> e.getMessage().equals("toolset_failure_recorded")).toList().get(1));
        assertEquals(2, recorded.get("failure_count"));
        assertEquals(3, recorded.get("max_failures"));
        assertEquals("Timeout", recorded.get("error_type"));
        assertEquals("second", recorded.get("error_message"));
        Map<String, Object> trigger = fields(only("toolset_max_failures_reached_triggering_auto_reload"));
        assertEquals(3, trigger.get("consecutive_failures"));
        assertEquals(3, trigger.get("threshold"));
        assertEquals("AuthError", trigger.get("last_error_type"));
        assertEquals("401 from the API server", trigger.get("last_error_message"));
        ILoggingEvent forced = only("force_configmap_reload_triggered");
        assertEquals(Level.INFO, forced.getLevel());
        assertEquals("failure_threshold", fields(forced).get("trigger"));
        assertTrue(names().indexOf("force_configmap_reload_triggered")
                < names().indexOf("auto_reload_config_unchanged_toolset_still_unavailable"), names()::toString);
    }

    @Test
    void aRecheckThatFindsTheSameBytesSaysSoAtInfoExceptForTheBackstopPoll() {
        core.reloads().reload(ReloadTrigger.MANUAL);
        core.reloads().reload(ReloadTrigger.POLL);

        List<ILoggingEvent> unchanged = appender.list.stream()
                .filter(e -> e.getMessage().equals("configmap_file_unchanged_no_reload")).toList();
        assertEquals(2, unchanged.size());
        assertEquals(Level.INFO, unchanged.get(0).getLevel());
        assertEquals("manual", fields(unchanged.get(0)).get("trigger"));
        assertEquals(Level.DEBUG, unchanged.get(1).getLevel());
    }

    @Test
    void refusedFailuresAreLoggedOncePerBurst() {
        ListAppender<ILoggingEvent> capped = new ListAppender<>();
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger(StructuredLoggingListener.LOGGER_NAME);
        capped.start();
        logger.addAppender(capped);
        ToolsetConfigCore small = ToolsetConfigCore.builder().configSource(source).configDecoder(new LineDecoder())
                .clock(clock).settings(CoreSettings.defaults().withMaxTracked(1)).structuredLogging(false)
                .eventListener(new StructuredLoggingListener(logger)).build();
        small.reloads().startup();
        small.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of("junk/0")));
        for (int i = 1; i <= 50; i++) {
            small.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of("junk/" + i)));
        }
        clock.advance(FloodGuard.WINDOW);
        small.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of("junk/51")));

        List<ILoggingEvent> refused = capped.list.stream()
                .filter(e -> e.getMessage().equals("toolset_failure_not_tracked_cap_reached")).toList();
        assertEquals(2, refused.size());
        assertEquals(Level.WARN, refused.get(0).getLevel());
        assertEquals("junk/1", String.valueOf(fields(refused.get(0)).get("toolset")));
        assertEquals(1, fields(refused.get(0)).get("max_tracked"));
        assertEquals(49, fields(refused.get(1)).get("suppressed"));
    }

    @Test
    void aPendingReloadDroppedBecauseTheFileWentBackIsAnEventLine() {
        core.sessions().register(SessionId.of("s1"));
        source.write("kubernetes\nprometheus\n");
        core.reloads().reload(ReloadTrigger.WATCH);
        source.write("kubernetes\nprometheus disabled\n");
        core.reloads().reload(ReloadTrigger.WATCH);

        assertEquals(Level.INFO, only("pending_reload_discarded_file_reverted").getLevel());
    }

    @Test
    void listenerFaultsAreEventLinesAndTheServicesWriteNoLineOfTheirOwn() {
        LoggerContext global = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        Logger services = global.getLogger("org.toolsetconfig.application.service");
        Level before = services.getLevel();
        ListAppender<ILoggingEvent> direct = new ListAppender<>();
        direct.start();
        services.addAppender(direct);
        services.setLevel(Level.DEBUG);
        services.setAdditive(false);
        try {
            Logger logger = new LoggerContext().getLogger(StructuredLoggingListener.LOGGER_NAME);
            ListAppender<ILoggingEvent> lines = new ListAppender<>();
            lines.start();
            logger.addAppender(lines);
            ToolsetConfigListener broken = (previous, current) -> {
                throw new IllegalStateException("client pool refused the update");
            };
            ToolsetConfigCore throwing = ToolsetConfigCore.builder().configSource(source)
                    .configDecoder(new LineDecoder()).clock(clock).structuredLogging(false)
                    .eventListener(new StructuredLoggingListener(logger)).configListener(broken).build();
            throwing.reloads().startup();
            ToolsetConfigCore shutDown = ToolsetConfigCore.builder().configSource(source)
                    .configDecoder(new LineDecoder()).clock(clock).structuredLogging(false)
                    .eventListener(new StructuredLoggingListener(logger)).configListener(broken)
                    .listenerExecutor(task -> {
                        throw new RejectedExecutionException("executor shut down");
                    }).build();
            shutDown.reloads().startup();

            List<ILoggingEvent> failed = lines.list.stream()
                    .filter(e -> e.getMessage().equals("config_listener_failed")).toList();
            assertEquals(1, failed.size());
            assertEquals(Level.ERROR, failed.get(0).getLevel());
            assertEquals("client pool refused the update", failed.get(0).getThrowableProxy().getMessage());
            assertEquals(1, lines.list.stream()
                    .filter(e -> e.getMessage().equals("config_listeners_not_notified_executor_shut_down")).count());
            assertEquals(List.of(), direct.list.stream().map(ILoggingEvent::getMessage).toList());
        } finally {
            services.setLevel(before);
            services.setAdditive(true);
            services.detachAppender(direct);
        }
    }

    private void failThreeTimes(String toolset) {
        fail(toolset, "a");
        fail(toolset, "b");
        fail(toolset, "c");
    }

    @Test
    void aForcedRecheckThatFindsAnInvalidFileKeepsTheCounterAndSaysWhyAtError() {
        source.write("kubernetes disabled\n");
        failThreeTimes("kubernetes");

        ILoggingEvent line = only("auto_reload_validation_failed_keeping_failure_counter");
        assertEquals(Level.ERROR, line.getLevel());
        assertEquals("validation_failed", fields(line).get("result"));
        assertEquals(3, fields(line).get("consecutive_failures"));
        assertTrue(String.valueOf(fields(line).get("problems")).contains("no toolset is enabled"), names()::toString);
    }

    @Test
    void aForcedRecheckThatCannotReadTheFileKeepsTheCounterAndSaysWhyAtError() {
        source.makeUnavailable(ReloadOutcome.ErrorKind.NOT_READABLE);
        failThreeTimes("kubernetes");

        ILoggingEvent line = only("auto_reload_error_keeping_failure_counter");
        assertEquals(Level.ERROR, line.getLevel());
        assertEquals("error", fields(line).get("result"));
        assertEquals(1, ((List<?>) fields(line).get("problems")).size());
        assertEquals(Level.ERROR, only("configmap_read_error_during_reload").getLevel());
    }

    @Test
    void aForcedRecheckThatAppliesANewFileIsInfoWithoutProblems() {
        source.write("kubernetes\nprometheus\n");
        failThreeTimes("kubernetes");

        ILoggingEvent line = only("auto_reload_successful_config_changed");
        assertEquals(Level.INFO, line.getLevel());
        assertEquals(false, fields(line).containsKey("problems"));
        ILoggingEvent complete = appender.list.stream().filter(e -> e.getMessage().equals("configmap_reload_complete")
                && "config_changed".equals(fields(e).get("result"))).findFirst().orElseThrow();
        assertEquals(Level.INFO, complete.getLevel());
        assertEquals("now", fields(complete).get("applied"));
    }

    @Test
    void aSuccessIsInfoOnlyWhenItEndsAStreakOfFailures() {
        fail("kubernetes", "a");
        core.outcomes().recordSuccess(ToolsetName.of("kubernetes"));
        core.outcomes().recordSuccess(ToolsetName.of("kubernetes"));

        List<ILoggingEvent> successes = appender.list.stream()
                .filter(e -> e.getMessage().equals("toolset_success_resetting_consecutive_failures")).toList();
        assertEquals(List.of(Level.INFO, Level.DEBUG), successes.stream().map(ILoggingEvent::getLevel).toList());
        assertEquals(1, fields(successes.get(0)).get("previous_consecutive_failures"));
    }

    @Test
    void aSameBytesRecheckCompletesAtDebugAndAChangeAtInfo() {
        core.reloads().reload(ReloadTrigger.MANUAL);
        source.write("kubernetes\nprometheus\n");
        core.reloads().reload(ReloadTrigger.MANUAL);

        List<ILoggingEvent> complete = appender.list.stream()
                .filter(e -> e.getMessage().equals("configmap_reload_complete")).toList();
        assertEquals(List.of(Level.DEBUG, Level.INFO), complete.stream().map(ILoggingEvent::getLevel).toList());
        assertEquals(List.of("config_unchanged", "config_changed"),
                complete.stream().map(e -> fields(e).get("result")).toList());
    }

    @Test
    void sessionsComingAndGoingAreDebugLinesAndAPendingReloadAppliesWhenTheLastEnds() {
        core.sessions().register(SessionId.of("s1"));
        source.write("kubernetes\nprometheus\n");
        core.reloads().reload(ReloadTrigger.WATCH);
        core.sessions().unregister(SessionId.of("s1"));

        assertEquals(Level.DEBUG, only("session_registered").getLevel());
        ILoggingEvent gone = only("session_unregistered");
        assertEquals(Level.DEBUG, gone.getLevel());
        assertEquals(0, fields(gone).get("active_sessions"));
        ILoggingEvent applied = only("last_session_completed_applying_pending_reload");
        assertEquals(Level.INFO, applied.getLevel());
        assertEquals(2L, fields(applied).get("generation"));
    }

    @Test
    void aReloadHeldPastTheMaximumDeferralIsAppliedWithAWarning() {
        ToolsetConfigCore patient = TestCores.onLines(source, clock).settings(new CoreSettings(
                        CoreSettings.defaults().reloadPolicy(), Duration.ofHours(1), Duration.ofSeconds(60), 1000, 10,
                        false)).eventListener(new StructuredLoggingListener(loggerOf(appender))).build();
        patient.reloads().startup();
        patient.sessions().register(SessionId.of("s1"));
        source.write("kubernetes\nprometheus\n");
        patient.reloads().reload(ReloadTrigger.WATCH);
        clock.advance(Duration.ofSeconds(61));
        patient.sessions().sweep();

        assertEquals(Level.WARN, only("pending_reload_applied_max_deferral_reached").getLevel());
    }

    private Logger loggerOf(ListAppender<ILoggingEvent> target) {
        Logger logger = new LoggerContext().getLogger(StructuredLoggingListener.LOGGER_NAME);
        logger.setLevel(Level.DEBUG);
        logger.addAppender(target);
        return logger;
    }

    private ToolsetConfigCore probing(ProbeResult answer) {
        return TestCores.onLines(source, clock).eventListener(new StructuredLoggingListener(loggerOf(appender)))
                .toolsetProbe((toolset, timeout) -> answer).probeExecutor(Runnable::run)
                .probeSettings(ProbeSettings.defaults()).build();
    }

    @Test
    void anUnreachableToolsetAtStartupIsAnErrorLineForItAndForTheWholeCheck() {
        probing(new ProbeResult.Unreachable(ProbeResult.FailureReason.CONNECTION_REFUSED, "refused at http://k:1",
                "that k is up", Duration.ofMillis(4))).connectivity().probe(List.of(Toolset.named("kubernetes")));

        ILoggingEvent probe = only("toolset_probe_failed");
        assertEquals(Level.ERROR, probe.getLevel());
        assertEquals("connection_refused", fields(probe).get("failure_reason"));
        assertEquals("that k is up", fields(probe).get("hint"));
        ILoggingEvent check = only("startup_connectivity_validation_failed");
        assertEquals(Level.ERROR, check.getLevel());
        assertEquals(1, fields(check).get("unavailable"));
        assertTrue(String.valueOf(fields(check).get("report")).contains("refused at http://k:1"));
    }

    @Test
    void reachableAndSkippedToolsetsAreInfoLinesAndTheCheckPasses() {
        probing(new ProbeResult.Reachable("http://k/healthz", Duration.ofMillis(2))).connectivity()
                .probe(List.of(Toolset.named("kubernetes")));
        probing(new ProbeResult.Skipped("no endpoint")).connectivity().probe(List.of(Toolset.named("kubernetes")));

        assertEquals("http://k/healthz", fields(only("toolset_probe_succeeded")).get("target"));
        assertEquals("no endpoint", fields(only("toolset_probe_skipped")).get("note"));
        List<ILoggingEvent> passed = appender.list.stream()
                .filter(e -> e.getMessage().equals("startup_connectivity_validation_passed")).toList();
        assertEquals(2, passed.size());
        assertEquals(Level.INFO, passed.get(0).getLevel());
        assertEquals(0, fields(passed.get(0)).get("unavailable"));
    }

    @Test
    void onlyTheRepeatOfARejectedFileIsMarkedRepeated() {
        source.write("kubernetes disabled\n");
        core.reloads().reload(ReloadTrigger.WATCH);
        core.reloads().reload(ReloadTrigger.POLL);

        List<Object> marks = appender.list.stream().filter(e -> e.getMessage().equals("configmap_reload_complete"))
                .map(e -> fields(e).get("repeated_rejection")).toList();
        assertEquals(java.util.Arrays.asList(null, true), marks);
    }
}
