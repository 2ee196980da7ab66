package org.toolsetconfig.adapters.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/** The parts around the watch: where it is, how it backs off, and the client it insists on. */
class WatcherSetupTest {

    private static final ReloadConfigurationUseCase NO_RELOADS = new ReloadConfigurationUseCase() {
        @Override
        public ReloadOutcome reload(ReloadTrigger trigger) {
            throw new AssertionError("no re-check expected");
        }

        @Override
        public ReloadOutcome startup() {
            throw new AssertionError("no re-check expected");
        }
    };

    private static final Config BASE = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").build();

    @Test
    void theBackoffDoublesFromTheInitialDelayUpToTheCapWithJitterInTheUpperHalf() {
        ConfigMapWatcher.Backoff backoff = new ConfigMapWatcher.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        long[] caps = {100, 100, 200, 400, 800, 1000, 1000};
        for (int attempt = 0; attempt < caps.length; attempt++) {
            for (int sample = 0; sample < 200; sample++) {
                long delay = backoff.delay(attempt).toMillis();
                long cap = caps[attempt];
                int failed = attempt;
                assertTrue(delay >= cap / 2 && delay <= cap, () -> "attempt " + failed + ": " + delay + " ms");
            }
        }
        assertTrue(backoff.delay(1_000).toMillis() <= 1000, "a long outage stays at the cap");
    }

    @Test
    void aBackoffThatCannotWorkIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigMapWatcher.Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigMapWatcher.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void theClientForTheSourceLeavesReconnectsToTheWatcher() {
        try (KubernetesClient client = KubernetesClients.forConfigSource(BASE)) {
            assertEquals(0, client.getConfiguration().getWatchReconnectLimit());
            assertEquals("https://127.0.0.1:1/", client.getConfiguration().getMasterUrl());
        }
    }

    @Test
    void aClientThatReconnectsOnItsOwnIsRefusedWithTheFix() {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(BASE).build()) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new ConfigMapWatcher(client, MockApi.LOCATION, NO_RELOADS, MockApi.FAST));

            assertTrue(refused.getMessage().contains("KubernetesClients.forConfigSource"), refused.getMessage());
        }
    }

    @Test
    void aLocationRefusesWhatKubernetesWouldAndNamesTheSetting() {
        IllegalArgumentException namespace = assertThrows(IllegalArgumentException.class,
                () -> new ConfigMapLocation("Toolsets", "toolset-config", "toolsets.yaml"));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> new ConfigMapLocation("toolsets", "toolset_config", "toolsets.yaml"));
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> new ConfigMapLocation("toolsets", "toolset-config", "tool/sets.yaml"));

        assertTrue(namespace.getMessage().startsWith("TOOLSET_CONFIGMAP_NAMESPACE 'Toolsets'"), namespace.getMessage());
        assertTrue(name.getMessage().startsWith("TOOLSET_CONFIGMAP_NAME 'toolset_config'"), name.getMessage());
        assertTrue(key.getMessage().startsWith("TOOLSET_CONFIGMAP_KEY 'tool/sets.yaml'"), key.getMessage());
        assertEquals("ConfigMap toolsets/toolset-config",
                new ConfigMapLocation("toolsets", "toolset-config", "toolsets.yaml").toString());
    }

    @Test
    void aClosedWatcherIsNotConnectedAndCannotBeStartedAgain() {
        try (MockApi api = new MockApi()) {
            api.put(MockApi.config(1));
            api.core().reloads().startup();
            ConfigMapWatcher watcher = api.watch();

            watcher.close();
            watcher.close();

            assertFalse(watcher.connected());
            assertThrows(IllegalStateException.class, watcher::start);
            assertTrue(api.logEvents().contains("INFO config_source_watch_started"), api.logEvents()::toString);
        }
    }
}
