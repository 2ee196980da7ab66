package org.toolsetconfig.adapters.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toolsetconfig.adapters.kubernetes.MockApi.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadOutcome.ErrorKind;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * The ConfigMap's life through the API, watched, under the real core: each change is applied, and
 * nothing invalid or missing ever replaces the last good configuration.
 */
class ConfigMapWatcherTest {

    private final MockApi api = new MockApi();

    @AfterEach
    void close() {
        api.close();
    }

    private void startWith(String content) {
        api.put(content);
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, api.core().reloads().startup());
        api.watch();
    }

    @Test
    void aCreatedConfigMapBecomesActiveAtStartup() {
        api.put(config(1));

        assertInstanceOf(ReloadOutcome.ConfigChanged.class, api.core().reloads().startup());

        assertEquals(MockApi.checksum(config(1)), api.active());
    }

    @Test
    void anUpdateIsAppliedThroughTheWatch() {
        startWith(config(1));

        api.put(config(2));

        api.awaitActive(config(2));
        assertTrue(api.reloads().stream().anyMatch(r -> r.trigger() == ReloadTrigger.WATCH
                && r.outcome() instanceof ReloadOutcome.ConfigChanged), api.reloads()::toString);
    }

    @Test
    void anInvalidUpdateIsRejectedAndTheLastGoodConfigKept() {
        startWith(config(1));

        api.put("discovered: [ this is not : valid\n");

        api.awaitOutcome(ReloadOutcome.ValidationFailed.class);
        assertEquals(MockApi.checksum(config(1)), api.active());
    }

    @Test
    void aDeletedConfigMapIsAnErrorKeepsTheLastGoodAndARecreatedOneIsApplied() {
        startWith(config(1));

        api.delete();

        ReloadOutcome.Error error = api.awaitOutcome(ReloadOutcome.Error.class);
        assertEquals(ErrorKind.NOT_FOUND, error.kind());
        assertEquals(MockApi.checksum(config(1)), api.active());

        api.put(config(2));

        api.awaitActive(config(2));
    }

    @Test
    void aKeyRemovedFromTheConfigMapIsAnErrorAndTheLastGoodKept() {
        startWith(config(1));

        api.admin.configMaps().inNamespace(MockApi.LOCATION.namespace()).withName(MockApi.LOCATION.name())
                .edit(configMap -> {
                    configMap.getData().clear();
                    configMap.getData().put("other.yaml", "a: 1\n");
                    return configMap;
                });

        ReloadOutcome.Error error = api.awaitOutcome(ReloadOutcome.Error.class);
        assertTrue(error.message().contains("has no key 'toolsets.yaml'"), error.message());
        assertEquals(MockApi.checksum(config(1)), api.active());
    }
}
