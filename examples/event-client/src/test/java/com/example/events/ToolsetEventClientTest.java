package com.example.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.adapters.http.HttpApiServer;
import org.toolsetconfig.adapters.http.HttpSettings;
import org.toolsetconfig.adapters.http.StatusSettings;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * The client against the real HTTP adapter over a real core, on loopback; a "restart" stops that
 * service and starts a new one (a new core, a new event stream) on the same port and source.
 */
class ToolsetEventClientTest {

    private final InMemoryConfigSource source = new InMemoryConfigSource("kubernetes/core\n");
    private final List<ToolsetEventClient.Event> events = new CopyOnWriteArrayList<>();
    private final List<String> toolsetReads = new CopyOnWriteArrayList<>();
    private Running service;
    private ToolsetEventClient client;

    /** One run of the service: a core and its HTTP API. */
    private record Running(ToolsetConfigCore core, HttpApiServer server) {
        void apply(InMemoryConfigSource source, String content) {
            source.write(content);
            ReloadOutcome outcome = core.reloads().reload(ReloadTrigger.MANUAL);
            assertTrue(outcome instanceof ReloadOutcome.ConfigChanged, outcome.toString());
        }
    }

    private Running startService(int port) {
        ToolsetConfigCore core = ToolsetConfigCore.builder().configSource(source).configDecoder(new LineDecoder())
                .clock(MutableClock.atEpochPlusOneDay()).settings(CoreSettings.defaults()).structuredLogging(false)
                .build();
        core.reloads().startup();
        HttpApiServer server = new HttpApiServer(core.outcomes(), core.investigations(), core.reloads(),
                core.sessions(), core.queries(), core.validation(), core.history(), core.events(), () -> "",
                HttpSettings.open("127.0.0.1", port, new StatusSettings("toolsets.yaml", Map.of())));
        server.start();
        return new Running(core, server);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (service != null) {
            service.server().stop();
        }
    }

    private void follow() {
        client = new ToolsetEventClient(URI.create("http://127.0.0.1:" + service.server().port()), Optional.empty(),
                Duration.ofMillis(20), Duration.ofMillis(200), events::add, toolsetReads::add);
        client.start();
    }

    @Test
    void aConfigAppliedEventMakesTheClientReReadTheToolsets() {
        service = startService(0);
        follow();
        waitFor(() -> client.connections() == 1 && toolsetReads.size() == 1, "the first read and the stream");
        assertTrue(toolsetReads.get(0).contains("kubernetes/core"), toolsetReads.get(0));

        service.apply(source, "kubernetes/core\nprometheus/metrics\n");

        // The id counts as seen once the re-read it asked for is done.
        waitFor(() -> client.lastEventId().equals(Optional.of("1")), "the re-read after config_applied");
        assertEquals("config_applied", events.get(0).name());
        assertEquals(2, toolsetReads.size());
        assertTrue(toolsetReads.get(1).contains("prometheus/metrics"), toolsetReads.get(1));
    }

    @Test
    void afterARestartTheClientReconnectsWithLastEventIdAndReReadsOnResync() {
        service = startService(0);
        int port = service.server().port();
        follow();
        waitFor(() -> client.connections() == 1 && toolsetReads.size() == 1, "the first read and the stream");
        service.apply(source, "kubernetes/core\nprometheus/metrics\n");
        service.apply(source, "kubernetes/core\nprometheus/metrics\ngrafana/loki\n");
        waitFor(() -> client.lastEventId().equals(Optional.of("2"))
                && toolsetReads.get(toolsetReads.size() - 1).contains("grafana/loki"), "both events and their re-read");

        // The service stops: its last event says so. The file changes while it is down.
        service.server().stop();
        waitFor(() -> events.stream().anyMatch(e -> e.name().equals("shutdown")), "the shutdown event");
        source.write("kubernetes/core\nnew/after-restart\n");
        service = startService(port);

        // The client comes back by itself, says it saw event 3 (the shutdown), and the new run,
        // which never had event 3, answers resync: the client re-reads and sees the new file.
        waitFor(() -> client.connections() == 2, "the reconnect");
        waitFor(() -> toolsetReads.get(toolsetReads.size() - 1).contains("new/after-restart"),
                "the re-read after resync");
        ToolsetEventClient.Event resync = events.stream().filter(e -> e.name().equals("resync")).findFirst()
                .orElseThrow();
        assertTrue(resync.data().contains("event 3 is newer than the last event"), resync.data());
        assertFalse(toolsetReads.get(toolsetReads.size() - 1).contains("grafana/loki"));

        // And it follows the new run from there.
        service.apply(source, "kubernetes/core\nnew/after-restart\nlater/one\n");
        waitFor(() -> toolsetReads.get(toolsetReads.size() - 1).contains("later/one"), "the next apply");
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
        }
    }
}
