package org.toolsetconfig.adapters.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toolsetconfig.adapters.kubernetes.MockApi.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.ServiceSettings;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.ToolsetName;

/**
 * The watch when the API server ends it, refuses it or stalls it: nothing that changed in between
 * is lost, a lost watch is reported once and its return once, and a forced re-check does not
 * depend on the watch at all.
 */
class WatchResilienceTest {

    private final MockApi api = new MockApi();

    @AfterEach
    void close() {
        api.close();
    }

    private static WatchEvent bookmark(String resourceVersion) {
        return new WatchEvent(new ConfigMapBuilder().withNewMetadata().withResourceVersion(resourceVersion)
                .endMetadata().build(), "BOOKMARK");
    }

    private static WatchEvent gone() {
        return new WatchEvent(new StatusBuilder().withCode(410).withReason("Expired")
                .withMessage("too old resource version").build(), "ERROR");
    }

    /**
     * The mock server replays the current object to every new watch, which a real API server does not
     * for a watch from a resourceVersion: stalling the watch after the re-list leaves the re-check
     * that follows the re-list as the only way the update can arrive.
     */
    private void stallTheNextWatch(ConfigMap updated) {
        String version = updated.getMetadata().getResourceVersion();
        api.expectWatch(version, 600_000, bookmark(version));
    }

    private String start(String content, ServiceSettings settings) {
        ConfigMap created = api.put(content);
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, api.core(settings).reloads().startup());
        return created.getMetadata().getResourceVersion();
    }

    @Test
    void aWatchTheServerClosesIsReopenedAndTheUpdateMadeMeanwhileIsApplied() {
        String version = start(config(1), ServiceSettings.defaults());
        // The first watch hears nothing of the update below, then the server ends it, as API servers
        // routinely do; longer than a second, so it counts as a watch that ended, not one that failed.
        api.expectWatch(version, 1_500, bookmark(version));
        ConfigMapWatcher watcher = api.watch();

        stallTheNextWatch(api.put(config(2)));

        api.awaitActive(config(2));
        assertEquals(1, watcher.reconnects());
        assertTrue(watcher.connected());
        assertEquals(List.of(), api.logEvents().stream().filter(e -> e.startsWith("WARN")).toList(),
                "a routine end of a watch is not a lost watch");
    }

    @Test
    void goneIsAnsweredWithARelistAndTheUpdateItHidIsApplied() {
        String version = start(config(1), ServiceSettings.defaults());
        api.expectWatch(version, 1_000, gone());
        ConfigMapWatcher watcher = api.watch();

        stallTheNextWatch(api.put(config(2)));

        api.awaitActive(config(2));
        assertTrue(watcher.reconnects() >= 1, () -> "reconnects: " + watcher.reconnects());
        assertEquals(List.of(), api.logEvents().stream().filter(e -> e.startsWith("WARN")).toList(),
                "410 Gone after compaction is routine, not a lost watch");
    }

    @Test
    void aRefusedWatchIsLostOnceRetriedWithBackoffAndRestoredOnce() {
        String version = start(config(1), ServiceSettings.defaults());
        api.server.expect().get().withPath("/api/v1/namespaces/toolsets/configmaps?allowWatchBookmarks=true"
                        + "&fieldSelector=metadata.name%3Dtoolset-config&resourceVersion=" + version + "&watch=true")
                .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcd is down").build()).times(3);
        ConfigMapWatcher watcher = new ConfigMapWatcher(api.client, MockApi.LOCATION, api.core.reloads(),
                MockApi.FAST);
        try (watcher) {
            watcher.start();
            Await.until(MockApi.BOUND, () -> api.logEvents().contains("INFO config_source_watch_restored"),
                    () -> "the watch restored; log: " + api.logEvents());

            assertTrue(watcher.connected());
            assertEquals(3, watcher.reconnects());
            assertEquals(List.of("WARN config_source_watch_lost"),
                    api.logEvents().stream().filter(e -> e.contains("watch_lost")).toList(),
                    "one WARN per loss, however many attempts");
            assertEquals(1, api.logEvents().stream().filter(e -> e.contains("watch_restored")).count());

            api.put(config(2));
            api.awaitActive(config(2));
        }
    }

    @Test
    void aForbiddenWatchIsLostOnceAndTheWarningNamesTheRbacRuleNeeded() {
        start(config(1), ServiceSettings.defaults());
        api.server.expect().get().withPath("/api/v1/namespaces/toolsets/configmaps"
                        + "?fieldSelector=metadata.name%3Dtoolset-config")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("configmaps is forbidden: cannot list resource").build()).always();
        ConfigMapWatcher watcher = new ConfigMapWatcher(api.client, MockApi.LOCATION, api.core.reloads(),
                MockApi.FAST);
        try (watcher) {
            watcher.start();
            Await.until(MockApi.BOUND, () -> watcher.reconnects() >= 3, () -> "three attempts");

            assertFalse(watcher.connected());
            List<ILoggingEvent> lost = api.log.list.stream()
                    .filter(e -> e.getMessage().equals("config_source_watch_lost")).toList();
            assertEquals(1, lost.size(), () -> "one WARN per loss: " + api.logEvents());
            assertEquals(Level.WARN, lost.get(0).getLevel());
            String error = lost.get(0).getKeyValuePairs().stream().filter(kv -> kv.key.equals("error"))
                    .map(kv -> String.valueOf(kv.value)).findFirst().orElse("");
            assertTrue(error.contains("a Role in namespace toolsets allowing get, list and watch on configmaps with"
                    + " resourceNames [toolset-config]"), error);
        }
    }

    @Test
    void aForcedRecheckReadsLiveAndHealsWhileTheWatchIsStalled() {
        ServiceSettings settings = ServiceSettings.defaults().withReloadPolicy(3, Duration.ZERO);
        String version = start(config(1), settings);
        // A watch that stays open and delivers nothing for longer than the test.
        api.expectWatch(version, 600_000, bookmark(version));
        api.watch();

        api.put(config(2));
        ToolsetName toolset = ToolsetName.of("kubernetes/core");
        for (int failure = 0; failure < 3; failure++) {
            api.core.outcomes().recordFailure(RecordFailureCommand.of(toolset));
        }

        api.awaitActive(config(2));
        assertTrue(api.reloads().stream().anyMatch(r -> r.trigger() == ReloadTrigger.FAILURE_THRESHOLD
                && r.outcome() instanceof ReloadOutcome.ConfigChanged), api.reloads()::toString);
        assertTrue(api.reloads().stream().noneMatch(r -> r.trigger() == ReloadTrigger.WATCH
                && r.outcome() instanceof ReloadOutcome.ConfigChanged), "the stalled watch delivered nothing");
    }
}
