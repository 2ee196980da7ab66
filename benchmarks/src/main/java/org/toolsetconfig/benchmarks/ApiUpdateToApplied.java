package org.toolsetconfig.benchmarks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.toolsetconfig.adapters.filesystem.YamlConfigDecoder;
import org.toolsetconfig.adapters.kubernetes.ConfigMapConfigSource;
import org.toolsetconfig.adapters.kubernetes.ConfigMapLocation;
import org.toolsetconfig.adapters.kubernetes.ConfigMapWatcher;
import org.toolsetconfig.adapters.kubernetes.KubernetesClients;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.domain.Checksum;

/**
 * The Kubernetes source's share of DESIGN §10's "about a second": fabric8's mock API server (CRUD
 * mode, a real HTTP server with watches) on loopback, the service's ConfigMap watcher and live-GET
 * source over the real core, and an operator's client that replaces the ConfigMap's key with one PUT
 * at a time. Timed from just before the PUT to the moment the new snapshot is applied (the core's
 * config listener), for the same 50-toolset documents as the file swaps of {@link ChangeToApplied}.
 */
final class ApiUpdateToApplied {

    private static final ConfigMapLocation LOCATION = new ConfigMapLocation("toolsets", "toolset-config",
            "toolsets.yaml");
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** Quiet time between two updates, as between the file swaps, so one never overtakes the previous. */
    private static final Duration SETTLE = Duration.ofMillis(50);
    // The mock server logs every request through java.util.logging at INFO.
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private ApiUpdateToApplied() {
    }

    /** {@code updates} API updates, each awaited; the milliseconds from update to applied. */
    static List<Double> run(int updates) throws InterruptedException {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init();
        ConcurrentHashMap<Checksum, Long> appliedAt = new ConcurrentHashMap<>();
        try (KubernetesClient operator = server.createClient();
             KubernetesClient service = KubernetesClients.forConfigSource(operator.getConfiguration())) {
            ConfigMap current = operator.configMaps().inNamespace(LOCATION.namespace()).resource(new ConfigMapBuilder()
                    .withNewMetadata().withNamespace(LOCATION.namespace()).withName(LOCATION.name()).endMetadata()
                    .addToData(LOCATION.key(), Documents.toolsets(50, 0)).build()).create();
            ToolsetConfigCore core = ToolsetConfigCore.builder()
                    .configSource(new ConfigMapConfigSource(service, LOCATION, Cores.MAX_BYTES))
                    .configDecoder(new YamlConfigDecoder(Cores.MAX_BYTES))
                    .settings(CoreSettings.defaults())
                    .structuredLogging(false)
                    .configListener((previous, next) -> appliedAt.put(next.checksum(), System.nanoTime()))
                    .build();
            Cores.requireApplied(core.reloads().startup());
            List<Double> millis = new ArrayList<>(updates);
            try (ConfigMapWatcher watcher = new ConfigMapWatcher(service, LOCATION, core.reloads(),
                    ConfigMapWatcher.Backoff.defaults())) {
                watcher.start();
                awaitTrue(watcher::connected, "the watch established");
                for (int i = 1; i <= updates; i++) {
                    Thread.sleep(SETTLE.toMillis()); // pacing of the load, not a wait for a result
                    String content = Documents.toolsets(50, i);
                    Checksum expected = Checksum.sha256(content.getBytes(StandardCharsets.UTF_8));
                    ConfigMap next = new ConfigMapBuilder(current).addToData(LOCATION.key(), content).build();
                    long updatedAt = System.nanoTime();
                    current = operator.configMaps().inNamespace(LOCATION.namespace()).resource(next).update();
                    awaitTrue(() -> appliedAt.containsKey(expected), "update " + i + " applied");
                    millis.add((appliedAt.get(expected) - updatedAt) / 1e6);
                }
            }
            return millis;
        } finally {
            server.destroy();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + BOUND + ": " + what);
            }
            Thread.sleep(0, 200_000);
        }
    }
}
