package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.port.in.SessionView;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;

/**
 * The two stories the service exists for, end to end below HTTP: real files on the disk laid out as
 * a ConfigMap volume, the real decoder, the application core and the watcher.
 */
class ConfigMapScenarioTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Duration NO_POLL = Duration.ofHours(1);
    private static final ToolsetName PROMETHEUS = ToolsetName.of("prometheus/metrics");

    private static final String PROMETHEUS_DISABLED = """
            discovered:
              - name: kubernetes/core
                enabled: true
              - name: prometheus/metrics
                enabled: true
                endpoint: http://prometheus.monitoring:9090
            overrides:
              prometheus/metrics:
                enabled: false
            """;
    private static final String PROMETHEUS_ENABLED = """
            discovered:
              - name: kubernetes/core
                enabled: true
              - name: prometheus/metrics
                enabled: true
                endpoint: http://prometheus.monitoring:9090
            overrides:
              # prometheus/metrics re-enabled after the outage
            """;

    @TempDir
    Path disk;
    private final MutableClock clock = MutableClock.atEpochPlusOneDay();
    private WatchedConfig config;

    @AfterEach
    void closeTheWatcher() {
        if (config != null) {
            config.close();
        }
    }

    private WatchedConfig mount(String content) {
        config = WatchedConfig.mount(disk.resolve("toolsets"), content,
                CoreSettings.defaults().withReloadPolicy(new ReloadPolicy(3, Duration.ofSeconds(60))), clock);
        return config;
    }

    private RecordFailureResult.Recorded fail(ToolsetName toolset) {
        return assertInstanceOf(RecordFailureResult.Recorded.class, config.core.outcomes().recordFailure(
                RecordFailureCommand.of(toolset, "ConnectionError", "connection refused")));
    }

    private List<String> active() {
        return config.core.queries().activeSnapshot().toolsets().stream().map(t -> t.name().value()).toList();
    }

    @Test
    void recoveryAfterTheConfigMapIsFixed() {
        mount(PROMETHEUS_DISABLED);
        config.watch(Duration.ofMillis(100), NO_POLL, true);
        assertEquals(List.of("kubernetes/core"), active());

        // The engine keeps failing on prometheus: the third failure forces a re-check, the file is
        // unchanged, and the counter is kept so the next failure after the cooldown re-checks again.
        fail(PROMETHEUS);
        fail(PROMETHEUS);
        RecordFailureResult.Recorded third = fail(PROMETHEUS);
        ReloadAttempt.Attempted attempt = assertInstanceOf(ReloadAttempt.Attempted.class, third.reload());
        assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, attempt.outcome());
        assertEquals(3, third.record().consecutiveFailures());

        // The operator fixes the ConfigMap; kubelet swaps it in; the watch applies it.
        config.volume.update(WatchedConfig.KEY, PROMETHEUS_ENABLED);

        config.awaitActive(PROMETHEUS_ENABLED, BOUND);
        assertEquals(List.of("kubernetes/core", "prometheus/metrics"), active());
        assertEquals(0, config.core.queries().toolset(PROMETHEUS).failures().orElseThrow().consecutiveFailures());
        assertEquals(3, config.core.queries().toolset(PROMETHEUS).failures().orElseThrow().totalFailures());
    }

    @Test
    void recoveryThroughTheFailureTriggerWhenNoWatchEventArrives() {
        mount(PROMETHEUS_DISABLED);
        config.watch(Duration.ofMillis(100), NO_POLL, false);
        fail(PROMETHEUS);
        fail(PROMETHEUS);
        fail(PROMETHEUS);

        config.volume.update(WatchedConfig.KEY, PROMETHEUS_ENABLED);
        RecordFailureResult.Recorded inCooldown = fail(PROMETHEUS);
        clock.advance(Duration.ofSeconds(61));
        RecordFailureResult.Recorded afterCooldown = fail(PROMETHEUS);

        assertInstanceOf(ReloadAttempt.BlockedByCooldown.class, inCooldown.reload());
        ReloadAttempt.Attempted attempt = assertInstanceOf(ReloadAttempt.Attempted.class, afterCooldown.reload());
        ReloadOutcome.ConfigChanged changed = assertInstanceOf(ReloadOutcome.ConfigChanged.class, attempt.outcome());
        assertEquals(ReloadOutcome.Applied.NOW, changed.applied());
        assertEquals(0, afterCooldown.record().consecutiveFailures());
        assertEquals(List.of("kubernetes/core", "prometheus/metrics"), active());
    }

    @Test
    void aReloadDeferredByAnActiveSessionIsAppliedWhenItEnds() {
        mount(PROMETHEUS_DISABLED);
        config.watch(Duration.ofMillis(100), NO_POLL, true);
        SessionId investigation = SessionId.of("investigation-42");
        config.core.sessions().register(investigation);
        long pinned = config.core.queries().activeSnapshot().generation();

        config.volume.update(WatchedConfig.KEY, PROMETHEUS_ENABLED);

        Await.until(BOUND, () -> config.reloads().stream().anyMatch(reload -> reload.trigger() == ReloadTrigger.WATCH
                        && reload.outcome() instanceof ReloadOutcome.ConfigChanged),
                () -> "a changed config found by the watch; reloads: " + config.reloads());
        assertTrue(config.core.queries().pendingReload().isPresent());
        ReloadOutcome.ConfigChanged deferred = config.reloads().stream()
                .filter(reload -> reload.trigger() == ReloadTrigger.WATCH).map(ToolsetEvent.ReloadCompleted::outcome)
                .filter(ReloadOutcome.ConfigChanged.class::isInstance).map(ReloadOutcome.ConfigChanged.class::cast)
                .findFirst().orElseThrow();
        assertEquals(ReloadOutcome.Applied.DEFERRED, deferred.applied());
        assertEquals(List.of("kubernetes/core"), active());
        SessionView view = config.core.sessions().session(investigation).orElseThrow();
        assertEquals(pinned, view.snapshot().generation());
        assertEquals(List.of("kubernetes/core"), view.snapshot().toolsets().stream().map(Toolset::name)
                .map(ToolsetName::value).toList());

        config.core.sessions().unregister(investigation);

        assertEquals(WatchedConfig.checksum(PROMETHEUS_ENABLED), config.active());
        assertEquals(List.of("kubernetes/core", "prometheus/metrics"), active());
        assertTrue(config.core.queries().pendingReload().isEmpty());
        assertEquals(ToolsetEvent.ApplyReason.LAST_SESSION_COMPLETED,
                config.applied().get(config.applied().size() - 1).reason());
    }
}
