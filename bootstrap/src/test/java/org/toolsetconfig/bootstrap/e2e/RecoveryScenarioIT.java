package org.toolsetconfig.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume;

/**
 * The self-healing story end to end, over HTTP against the built jar: Prometheus is disabled in the
 * ConfigMap, the engine reports three failures (the forced re-check finds the file unchanged), the
 * operator fixes the ConfigMap (kubelet's atomic swap), the service picks it up and Prometheus is
 * active with a clean count.
 */
class RecoveryScenarioIT {

    private static final String PROMETHEUS_DISABLED = """
            discovered:
              - name: kubernetes/core
                enabled: true
              - name: prometheus/metrics
                enabled: false
                endpoint: http://prometheus.monitoring.svc:9090
            """;

    private static final String PROMETHEUS_ENABLED = PROMETHEUS_DISABLED.replace("enabled: false", "enabled: true");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFixedConfigMapHealsTheToolsetWithoutARestart(@TempDir Path temp) {
        ConfigMapVolume volume = ConfigMapVolume.mount(temp.resolve("toolsets"), "toolsets.yaml", PROMETHEUS_DISABLED);
        Map<String, String> environment = Map.of(
                "TOOLSET_CONFIG_PATH", volume.file("toolsets.yaml").toString(),
                "TOOLSET_HTTP_HOST", "127.0.0.1",
                "TOOLSET_HTTP_PORT", "0");

        try (ServiceProcess service = ServiceProcess.start(temp.resolve("run"), environment)) {
            service.awaitReady(Duration.ofSeconds(30));
            assertEquals(1, json(service.get("/api/v1/toolsets").body()).get("toolsets").size());

            JsonNode third = null;
            for (int i = 1; i <= 3; i++) {
                var response = service.post("/api/v1/toolsets/prometheus/metrics/failures",
                        "{\"errorType\":\"ConnectionError\",\"errorMessage\":\"prometheus is disabled\"}");
                assertEquals(200, response.statusCode(), response.body());
                third = json(response.body());
            }
            assertEquals(3, third.get("consecutiveFailures").asInt(), third.toString());
            assertTrue(third.get("reload").get("attempted").asBoolean(), "the third failure forces a re-check");
            assertEquals("config_unchanged", third.get("reload").get("result").asText());

            volume.update("toolsets.yaml", PROMETHEUS_ENABLED);

            ServiceProcess.await(Duration.ofSeconds(15), () -> {
                JsonNode view = json(service.get("/api/v1/toolsets/prometheus/metrics").body());
                return view.get("toolset").isObject() && view.get("toolset").get("enabled").asBoolean();
            }, "prometheus/metrics to become active");
            // The re-check is counted when it completes, a moment after its snapshot went live.
            Pattern reloadCounted = Pattern.compile("holmesgpt_configmap_reload_total\\{result=\"config_changed\","
                    + "trigger=\"(watch|poll)\"} 1");
            ServiceProcess.await(Duration.ofSeconds(5),
                    () -> reloadCounted.matcher(service.get("/metrics").body()).find(), "the re-check counted");
            JsonNode view = json(service.get("/api/v1/toolsets/prometheus/metrics").body());
            assertEquals(0, view.get("failures").get("consecutiveFailures").asInt(),
                    "its failures were under the old definition: " + view);
            assertEquals(3, view.get("failures").get("totalFailures").asInt());
            assertEquals(2, json(service.get("/api/v1/toolsets").body()).get("toolsets").size());

            String metrics = service.get("/metrics").body();
            assertTrue(metrics.contains("holmesgpt_auto_reload_triggered_total{result=\"config_unchanged\","
                    + "toolset=\"prometheus/metrics\"} 1"), metrics);
            assertTrue(metrics.contains("holmesgpt_toolsets_active 2"), metrics);

            service.terminate();
            assertEquals(0, service.exitCode(Duration.ofSeconds(10)), service.stdout());
        }
    }
}
