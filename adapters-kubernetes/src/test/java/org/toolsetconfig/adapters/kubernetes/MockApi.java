package org.toolsetconfig.adapters.kubernetes;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.adapters.filesystem.YamlConfigDecoder;
import org.toolsetconfig.application.port.in.ServiceSettings;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.RecordingEventListener;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;

/**
 * fabric8's Kubernetes mock server in CRUD mode (expectations, where a test sets one, answer first),
 * an admin client that plays the operator, and the real core reading the ConfigMap through
 * {@link ConfigMapConfigSource} with the real YAML decoder: what the service runs, minus HTTP.
 */
final class MockApi implements AutoCloseable {

    static final ConfigMapLocation LOCATION = new ConfigMapLocation("toolsets", "toolset-config", "toolsets.yaml");
    static final long MAX_BYTES = 1_048_576;
    static final Duration BOUND = Duration.ofSeconds(10);
    /** Short, so that reconnect tests stay fast; the jitter is still exercised. */
    static final ConfigMapWatcher.Backoff FAST = new ConfigMapWatcher.Backoff(Duration.ofMillis(20),
            Duration.ofMillis(200));

    // The mock server logs every request through java.util.logging at INFO; a green build stays quiet.
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    final KubernetesMockServer server;
    final KubernetesClient admin;
    final KubernetesClient client;
    final RecordingEventListener events = new RecordingEventListener();
    /** The checksum of each snapshot as it becomes active, told by the core on the reloader's thread. */
    final BlockingQueue<Checksum> applied = new LinkedBlockingQueue<>();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger watcherLogger = (Logger) LoggerFactory.getLogger(ConfigMapWatcher.class);
    /** The core built by the last {@link #core()} call. */
    ToolsetConfigCore core;
    private ConfigMapWatcher watcher;

    MockApi() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        admin = server.createClient();
        client = KubernetesClients.forConfigSource(admin.getConfiguration());
        log.start();
        watcherLogger.addAppender(log);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    ToolsetConfigCore core() {
        return core(ServiceSettings.defaults());
    }

    ToolsetConfigCore core(ServiceSettings settings) {
        core = ToolsetConfigCore.builder()
                .configSource(new ConfigMapConfigSource(client, LOCATION, MAX_BYTES))
                .configDecoder(new YamlConfigDecoder(MAX_BYTES))
                .settings(settings)
                .clock(Clock.systemUTC())
                .eventListener(events)
                .configListener((previous, current) -> applied.add(current.checksum()))
                .structuredLogging(false)
                .build();
        return core;
    }

    /** Starts a watcher on the core's reloader and waits until its watch is established. */
    ConfigMapWatcher watch() {
        watcher = new ConfigMapWatcher(client, LOCATION, core.reloads(), FAST);
        watcher.start();
        Await.until(BOUND, watcher::connected, () -> "the watch established");
        return watcher;
    }

    /** A valid document whose bytes differ for each {@code version}. */
    static String config(int version) {
        return "discovered:\n  - name: kubernetes/core\n    enabled: true\n    version: " + version + "\n";
    }

    static Checksum checksum(String content) {
        return Checksum.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates or replaces the ConfigMap with {@code content} under the key. */
    ConfigMap put(String content) {
        ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withNamespace(LOCATION.namespace())
                .withName(LOCATION.name()).endMetadata().addToData(LOCATION.key(), content).build();
        return admin.configMaps().inNamespace(LOCATION.namespace()).resource(configMap).createOr(
                existing -> existing.update());
    }

    /**
     * The next watch from {@code resourceVersion} gets a watch that delivers nothing but
     * {@code event}, {@code millis} after it opened, and then is closed by the server.
     */
    void expectWatch(String resourceVersion, long millis, Object event) {
        server.expect().get().withPath("/api/v1/namespaces/toolsets/configmaps?allowWatchBookmarks=true"
                        + "&fieldSelector=metadata.name%3Dtoolset-config&resourceVersion=" + resourceVersion + "&watch=true")
                .andUpgradeToWebSocket().open().waitFor(millis).andEmit(event).done().once();
    }

    void delete() {
        admin.configMaps().inNamespace(LOCATION.namespace()).withName(LOCATION.name()).delete();
    }

    Checksum active() {
        return core.queries().activeSnapshot().checksum();
    }

    List<ToolsetEvent.ReloadCompleted> reloads() {
        return events.of(ToolsetEvent.ReloadCompleted.class);
    }

    /** Waits until {@code content} is active and the re-check that applied it has been reported. */
    void awaitActive(String content) {
        Checksum expected = checksum(content);
        Await.until(BOUND, () -> active().equals(expected) && reloads().stream()
                        .anyMatch(r -> r.outcome() instanceof ReloadOutcome.ConfigChanged changed
                                && changed.checksum().equals(expected)),
                () -> "snapshot of " + content.strip().replace('\n', ' ') + " active; reloads: " + reloads());
    }

    /** Waits until a re-check has reported an outcome of {@code type}, and returns the last such. */
    <T extends ReloadOutcome> T awaitOutcome(Class<T> type) {
        Await.until(BOUND, () -> reloads().stream().anyMatch(r -> type.isInstance(r.outcome())),
                () -> "a re-check with outcome " + type.getSimpleName() + "; reloads: " + reloads());
        return reloads().stream().map(ToolsetEvent.ReloadCompleted::outcome).filter(type::isInstance)
                .map(type::cast).reduce((first, second) -> second).orElseThrow();
    }

    List<String> logEvents() {
        return log.list.stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        watcherLogger.detachAppender(log);
        client.close();
        admin.close();
        server.destroy();
    }
}
