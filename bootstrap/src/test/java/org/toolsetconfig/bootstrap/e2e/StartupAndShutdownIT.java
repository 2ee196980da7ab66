package org.toolsetconfig.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fail-fast start (B1), dev mode (B2), settings, graceful stop (B10) and the CLI, against the built jar. */
class StartupAndShutdownIT {

    private static final String INVALID = """
            discovered:
              - name: kubernetes/core
                enabled: true
              - name: prometheus metrics
                enabled: true
            """;

    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content);
    }

    private static Map<String, String> serving(Path config, String... more) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("TOOLSET_CONFIG_PATH", config.toString(),
                "TOOLSET_HTTP_HOST", "127.0.0.1", "TOOLSET_HTTP_PORT", "0"));
        for (int i = 0; i < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }

    @Test
    void anInvalidConfigStopsStartupWithExitOneAndTheProblemLines() throws IOException {
        Path config = write("toolsets.yaml", INVALID);

        ServiceProcess.Finished run = ServiceProcess.run(temp.resolve("run"), serving(config), BOUND);

        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        List<String> lines = run.stderr().lines().toList();
        assertTrue(lines.get(0).startsWith("Toolset config invalid: discovered[1].name (line 4, column "), run.stderr());
        assertTrue(lines.stream().anyMatch(line -> line.contains("HOLMESGPT_DEV_MODE=true")), run.stderr());
        assertFalse(run.stdout().contains("toolset_config_service_started"), "nothing starts half-way");
    }

    @Test
    void anUnreachableToolsetStopsStartupUnlessTheProbesAreOff() throws IOException {
        // Port 1 on the loopback: nothing listens, the connection is refused at once.
        Path config = write("toolsets.yaml", """
                discovered:
                  - name: prometheus/metrics
                    enabled: true
                    endpoint: http://127.0.0.1:1
                """);

        ServiceProcess.Finished refused = ServiceProcess.run(temp.resolve("run"), serving(config), BOUND);
        assertEquals(1, refused.exitCode(), refused.stdout() + refused.stderr());
        assertTrue(refused.stderr().startsWith("Service startup failed: 1 toolset(s) unavailable:"), refused.stderr());
        assertTrue(refused.stderr().contains("prometheus/metrics"), refused.stderr());

        try (ServiceProcess service = ServiceProcess.start(temp.resolve("run"), serving(config),
                "--no-startup-probes")) {
            service.awaitReady(BOUND);
        }
    }

    @Test
    void devModeStartsOnAnInvalidConfigAndIsReady() throws IOException {
        Path config = write("toolsets.yaml", INVALID);

        try (ServiceProcess service = ServiceProcess.start(temp.resolve("run"),
                serving(config, "HOLMESGPT_DEV_MODE", "true"))) {
            service.awaitReady(BOUND);

            JsonNode status = new ObjectMapper().readTree(service.get("/api/v1/status").body());
            assertTrue(status.get("devMode").asBoolean(), status.toString());
            assertEquals(0, new ObjectMapper().readTree(service.get("/api/v1/toolsets").body()).get("toolsets").size());
            assertTrue(service.stdout().contains("dev_mode_enabled_skipping_validation"), service.stdout());
            assertTrue(service.get("/metrics").body().contains("holmesgpt_dev_mode_enabled 1"));
        }
    }

    @Test
    void aSettingThatIsNoNumberStopsStartupNamingTheVariable() throws IOException {
        Path config = write("toolsets.yaml", "discovered:\n  - name: kubernetes/core\n    enabled: true\n");

        ServiceProcess.Finished run = ServiceProcess.run(temp.resolve("run"),
                serving(config, "TOOLSET_MAX_FAILURES_BEFORE_RELOAD", "abc"), BOUND);

        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stderr().startsWith("Invalid setting TOOLSET_MAX_FAILURES_BEFORE_RELOAD=abc: not a whole "
                + "number (allowed: 1 to 10)"), run.stderr());
    }

    @Test
    void sigtermStopsTheServiceWithExitZeroWithinTenSeconds() throws IOException {
        Path config = write("toolsets.yaml", "discovered:\n  - name: kubernetes/core\n    enabled: true\n");

        try (ServiceProcess service = ServiceProcess.start(temp.resolve("run"),
                serving(config, "TOOLSET_LOG_FORMAT", "json"))) {
            service.awaitReady(BOUND);

            long start = System.nanoTime();
            service.terminate();
            int exitCode = service.exitCode(Duration.ofSeconds(10));

            assertEquals(0, exitCode, service.stdout() + service.stderr());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
            ObjectMapper json = new ObjectMapper();
            List<String> events = service.stdout().lines().map(line -> {
                try {
                    return json.readTree(line).get("event").asText();
                } catch (IOException e) {
                    throw new AssertionError("not one JSON object per line: " + line, e);
                }
            }).toList();
            assertTrue(events.containsAll(List.of("toolset_config_service_started", "toolset_config_service_stopping",
                    "toolset_config_service_stopped")), events.toString());
            assertTrue(events.indexOf("toolset_config_service_stopping") < events.indexOf("toolset_config_service_stopped"),
                    events.toString());
        }
    }

    @Test
    void validateExitsZeroForAGoodFileOneForABadFileTwoForAMissingFile() throws IOException {
        Path good = ServiceProcess.projectRoot().resolve("examples/toolsets.yaml");
        Path bad = write("bad.yaml", INVALID);

        ServiceProcess.Finished valid = ServiceProcess.run(temp.resolve("run"), Map.of(), BOUND, "validate",
                good.toString());
        ServiceProcess.Finished invalid = ServiceProcess.run(temp.resolve("run"), Map.of(), BOUND, "validate",
                bad.toString());
        ServiceProcess.Finished missing = ServiceProcess.run(temp.resolve("run"), Map.of(), BOUND, "validate",
                temp.resolve("missing.yaml").toString());

        assertEquals(0, valid.exitCode(), valid.stdout() + valid.stderr());
        assertTrue(valid.stdout().contains("SUCCESS"), valid.stdout());
        assertEquals(1, invalid.exitCode(), invalid.stdout() + invalid.stderr());
        assertTrue(invalid.stderr().contains("ERROR discovered[1].name (line 4, column "), invalid.stderr());
        assertEquals(2, missing.exitCode(), missing.stdout() + missing.stderr());
    }

    @Test
    void validateWithProbeRunsTheStartupProbesAndFailsOnAnUnreachableToolset() throws IOException {
        HttpServer prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        prometheus.createContext("/api/v1/query", exchange -> {
            byte[] body = "{\"status\":\"success\",\"data\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
        try {
            String healthy = "http://127.0.0.1:" + prometheus.getAddress().getPort();
            Path reachable = write("reachable.yaml", """
                    discovered:
                      - name: prometheus/metrics
                        enabled: true
                        endpoint: %s
                      - name: kubernetes/core
                        enabled: true
                    """.formatted(healthy));
            Path unreachable = write("unreachable.yaml", """
                    discovered:
                      - name: prometheus/metrics
                        enabled: true
                        endpoint: %s
                      - name: grafana/loki
                        enabled: true
                        endpoint: http://127.0.0.1:1
                    """.formatted(healthy));

            ServiceProcess.Finished up = ServiceProcess.run(temp.resolve("run"), Map.of(), BOUND, "validate",
                    "--probe", reachable.toString());
            ServiceProcess.Finished down = ServiceProcess.run(temp.resolve("run"),
                    Map.of("TOOLSET_PROBE_TIMEOUT_SECONDS", "2"), BOUND, "validate", "--probe", unreachable.toString());

            assertEquals(0, up.exitCode(), up.stdout() + up.stderr());
            assertTrue(up.stdout().contains("REACHABLE prometheus/metrics: " + healthy + "/api/v1/query?query=up"),
                    up.stdout());
            assertTrue(up.stdout().contains("SKIPPED kubernetes/core: not running in a cluster"), up.stdout());
            assertEquals(1, down.exitCode(), down.stdout() + down.stderr());
            List<String> report = down.stderr().lines().toList();
            // validate's own wording, and the report once: no startup_connectivity_validation_failed line repeats it.
            assertTrue(report.contains("  FAILED: 1 of 2 toolset(s) unreachable"), down.stderr());
            assertFalse(down.stderr().contains("Service startup failed"), down.stderr());
            assertEquals(1, report.stream().filter(line -> line.contains("grafana/loki")).count(), down.stderr());
            assertTrue(report.contains("  UNREACHABLE grafana/loki: connection_refused: GET http://127.0.0.1:1/api/health failed: "
                    + "connection refused (check: that Grafana runs at http://127.0.0.1:1 (the URL is its base URL); "
                    + "nothing listens at that host and port)"), down.stderr());
        } finally {
            prometheus.stop(0);
        }
    }
}
