package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toolsetconfig.adapters.filesystem.ConfigMount;
import org.toolsetconfig.application.testing.LiveThreads;
import org.toolsetconfig.application.testing.LogCapture;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.service.ToolsetConfigCore;

/** The Guice wiring in one JVM: building it starts nothing; the service starts and stops everything. */
class ServiceWiringTest {

    /** Every thread of the service's own (HTTP's are the server's); each one must end with stop(). */
    private static Set<String> serviceThreads() {
        return Set.copyOf(LiveThreads.named(ServiceThreads.PREFIX));
    }

    private static Settings settings(Path config) {
        SettingsResolution resolution = SettingsResolver.resolve(Map.of("TOOLSET_CONFIG_PATH", config.toString(),
                "TOOLSET_HTTP_HOST", "127.0.0.1", "TOOLSET_HTTP_PORT", "0"), Map.of());
        return ((SettingsResolution.Resolved) resolution).settings();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void buildingTheInjectorStartsNothingAndTheServiceRunsEverything(@TempDir Path directory) throws Exception {
        Path config = Files.writeString(directory.resolve("toolsets.yaml"),
                "discovered:\n  - name: kubernetes/core\n    enabled: true\n");
        Set<String> before = serviceThreads();

        Injector injector = Guice.createInjector(Stage.PRODUCTION, new ServiceModule(settings(config)));
        HttpServerLifecycle http = injector.getInstance(HttpServerLifecycle.class);

        assertEquals(before, serviceThreads(), "modules and constructors start no thread");
        assertThrows(IllegalStateException.class, http::port, "no port is open before start");

        Service service = injector.getInstance(Service.class);
        // A plain file in a temp directory, outside a pod: a local file that hot-reloads, not a subPath mount.
        assertEquals(java.util.List.of(),
                mountWarningsDuring(() -> assertInstanceOf(StartResult.Started.class, service.start())));
        try {
            int port = http.port();
            assertEquals(200, get(port, "/readyz").statusCode());
            assertTrue(get(port, "/api/v1/toolsets").body().contains("kubernetes/core"));
            assertTrue(get(port, "/metrics").body().contains("holmesgpt_configmap_reload_total{result=\"config_changed\","
                    + "trigger=\"startup\"} 1"), "the metrics adapter saw the startup load");
            // DESIGN.md §5's status shape, with the settings bootstrap hands the HTTP adapter, in the documented units.
            String status = get(port, "/api/v1/status").body().strip();
            assertTrue(status.startsWith("{\"devMode\":false,\"configPath\":\"" + config + "\",\"source\":{\"kind\":"
                    + "\"file\",\"path\":\"" + config + "\"},\"generation\":1,"), status);
            assertTrue(status.endsWith(",\"settings\":{\"maxFailuresBeforeReload\":3,\"reloadCooldownSeconds\":60,"
                    + "\"pollIntervalSeconds\":60,\"watchEnabled\":true,\"watchDebounceMillis\":100,"
                    + "\"configMaxBytes\":1048576,\"sessionTtlSeconds\":600,\"maxReloadDeferralSeconds\":600,"
                    + "\"maxTracked\":1000,\"maxSessions\":10000}}"), status);
            assertEquals(java.util.List.of("config-listeners", "metrics", "webhooks", "config-watcher", "poll", "session-sweeper",
                    "http-server"), service.running());
            // The check below can fail only if it sees the real names: here they all run.
            assertEquals(Set.of("toolset-config-watcher", "toolset-config-poll", "toolset-config-session-sweeper"),
                    serviceThreads(), "the service's threads while it runs");
        } finally {
            service.stop();
        }
        int port = http.port();
        assertThrows(ConnectException.class, () -> get(port, "/healthz"));
        Await.until(Duration.ofSeconds(5), () -> serviceThreads().equals(before));
    }

    @Test
    void theStartupLoadIsSentToTheWebhookAndTheNotificationMetersAreScraped(@TempDir Path directory) throws Exception {
        Path config = Files.writeString(directory.resolve("toolsets.yaml"),
                "discovered:\n  - name: kubernetes/core\n    enabled: true\n");
        List<String> events = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            events.add(exchange.getRequestHeaders().getFirst("X-Toolset-Event") + " "
                    + exchange.getRequestHeaders().getFirst("X-Toolset-Signature"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        SettingsResolution resolution = SettingsResolver.resolve(Map.of("TOOLSET_CONFIG_PATH", config.toString(),
                "TOOLSET_HTTP_HOST", "127.0.0.1", "TOOLSET_HTTP_PORT", "0", "TOOLSET_STARTUP_PROBES", "false",
                "TOOLSET_WEBHOOK_URLS", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "TOOLSET_WEBHOOK_SECRET", "k3y"), Map.of());
        Injector injector = Guice.createInjector(new ServiceModule(((SettingsResolution.Resolved) resolution).settings()));
        Service service = injector.getInstance(Service.class);
        assertInstanceOf(StartResult.Started.class, service.start());
        try {
            Await.until(Duration.ofSeconds(10), () -> events.size() == 1);
            assertTrue(events.get(0).matches("config_applied sha256=[0-9a-f]{64}"), events::toString);
            int port = injector.getInstance(HttpServerLifecycle.class).port();
            Await.until(Duration.ofSeconds(10), () -> scrape(port)
                    .contains("holmesgpt_webhook_deliveries_total{result=\"delivered\"} 1.0"));
            String metrics = get(port, "/metrics").body();
            assertTrue(metrics.contains("holmesgpt_webhook_deliveries_total{result=\"dropped\"} 0.0"), metrics);
            assertTrue(metrics.contains("holmesgpt_event_subscribers 0.0"), metrics);
        } finally {
            service.stop();
            receiver.stop(0);
        }
    }

    /** The events ConfigMount wrote while {@code action} ran, captured instead of printed. */
    private static List<String> mountWarningsDuring(Runnable action) {
        try (LogCapture mount = LogCapture.of(ConfigMount.class.getName())) {
            action.run();
            return mount.names();
        }
    }

    private static String scrape(int port) {
        try {
            return get(port, "/metrics").body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyUseCaseComesFromTheOneCore(@TempDir Path directory) {
        Injector injector = Guice.createInjector(new ServiceModule(settings(directory.resolve("toolsets.yaml"))));

        ToolsetConfigCore core = injector.getInstance(ToolsetConfigCore.class);
        assertSame(core.queries(), injector.getInstance(QueryToolsetsUseCase.class));
        assertSame(core.outcomes(), injector.getInstance(RecordToolsetOutcomeUseCase.class));
        assertSame(core, injector.getInstance(ToolsetConfigCore.class));
    }

    @Test
    void aPortAlreadyTakenFailsTheStartAndStopsWhatHadStarted(@TempDir Path directory) throws Exception {
        Path config = Files.writeString(directory.resolve("toolsets.yaml"),
                "discovered:\n  - name: kubernetes/core\n    enabled: true\n");
        Set<String> before = serviceThreads();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             LogCapture log = LogCapture.of(Service.class.getName());
             LogCapture javalin = LogCapture.of("io.javalin")) {
            SettingsResolution resolution = SettingsResolver.resolve(Map.of("TOOLSET_CONFIG_PATH", config.toString(),
                    "TOOLSET_HTTP_HOST", "127.0.0.1", "TOOLSET_HTTP_PORT", String.valueOf(taken.getLocalPort())),
                    Map.of());
            Service service = Guice.createInjector(Stage.PRODUCTION,
                    new ServiceModule(((SettingsResolution.Resolved) resolution).settings())).getInstance(Service.class);

            StartResult.Failed failed = assertInstanceOf(StartResult.Failed.class, service.start());

            assertEquals("http-server", failed.component());
            assertEquals("http-server", LogCapture.fields(log.only("component_start_failed")).get("component"));
            assertEquals(java.util.List.of(), service.running(), "what started before the server was stopped");
            assertTrue(javalin.names().contains("Failed to start Javalin"), javalin.names()::toString);
        }
        Await.until(Duration.ofSeconds(5), () -> serviceThreads().equals(before));
    }
}
