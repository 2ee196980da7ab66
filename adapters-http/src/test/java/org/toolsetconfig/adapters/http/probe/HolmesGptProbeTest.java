package org.toolsetconfig.adapters.http.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ProbeResult.FailureReason;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;

/** Toolsets written the way HolmesGPT configs write them: URLs and headers in settings, env references. */
class HolmesGptProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String PROMETHEUS_OK = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}";

    private static Toolset toolset(String name, Map<String, Object> settings) {
        return new Toolset(ToolsetName.of(name), true, 0, Optional.empty(), settings);
    }

    private static HttpToolsetProbe probe(Map<String, String> environment) {
        return new HttpToolsetProbe(environment::get, Path.of("/nonexistent"));
    }

    @Test
    void prometheusUrlInConfigIsProbedWithItsHeadersAndEnvReferencesExpanded() throws IOException {
        try (RecordingServer prometheus = RecordingServer.http(r -> new RecordingServer.Answer(200, PROMETHEUS_OK))) {
            Toolset toolset = toolset("prometheus/metrics", Map.of("config", Map.of(
                    "prometheus_url", "{{ env.PROMETHEUS_URL }}/prom?tenant=team-a",
                    "headers", Map.of("Authorization", "Bearer {{env.PROM_TOKEN}}", "X-Scope-OrgID", "team-a"))));

            ProbeResult result = probe(Map.of("PROMETHEUS_URL", prometheus.url(), "PROM_TOKEN", "s3cret"))
                    .probe(toolset, TIMEOUT);

            assertInstanceOf(ProbeResult.Reachable.class, result, result::toString);
            RecordingServer.Request request = prometheus.requests.get(0);
            assertEquals("/prom/api/v1/query?tenant=team-a&query=up", request.uri(), "path joined before the query");
            assertEquals("Bearer s3cret", request.header("Authorization"));
            assertEquals("team-a", request.header("X-Scope-OrgID"));
        }
    }

    @Test
    void aMissingEnvironmentVariableIsAFailureNamingIt() {
        Toolset toolset = toolset("prometheus/metrics", Map.of("config",
                Map.of("prometheus_url", "{{ env.PROMETHEUS_URL }}")));

        ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class,
                probe(Map.of()).probe(toolset, TIMEOUT));

        assertEquals(FailureReason.MISSING_ENV_VAR, down.reason());
        assertTrue(down.detail().startsWith("missing_env_var: PROMETHEUS_URL: config.prometheus_url refers to "
                + "{{ env.PROMETHEUS_URL }}"), down.detail());
        assertTrue(down.hint().contains("PROMETHEUS_URL"), down.hint());
    }

    @Test
    void everyClusterUrlIsProbedAndTheOneDownIsNamed() throws IOException {
        try (RecordingServer up = RecordingServer.http(r -> new RecordingServer.Answer(200, "{}"));
             RecordingServer broken = RecordingServer.http(r -> new RecordingServer.Answer(502, "bad gateway"))) {
            Toolset rabbit = toolset("rabbitmq/core", Map.of("config", Map.of("clusters", List.of(
                    Map.of("id", "a", "management_url", up.url()),
                    Map.of("id", "b", "management_url", broken.url() + "/mgmt")))));

            ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class,
                    probe(Map.of()).probe(rabbit, TIMEOUT));

            assertEquals(1, up.requests.size());
            assertEquals("/mgmt", broken.requests.get(0).uri());
            assertEquals(FailureReason.HTTP_STATUS, down.reason());
            assertEquals("http_502: GET " + broken.url() + "/mgmt answered HTTP 502", down.detail());
        }
    }

    @Test
    void grafanaUrlGetsTheHealthApiJoinedOntoItsPath() throws IOException {
        try (RecordingServer grafana = RecordingServer.http(r -> new RecordingServer.Answer(200, "{}"))) {
            Toolset loki = toolset("grafana/loki", Map.of("config", Map.of("url", grafana.url() + "/grafana/")));
            assertInstanceOf(ProbeResult.Reachable.class, probe(Map.of()).probe(loki, TIMEOUT));
            assertEquals("/grafana/api/health", grafana.requests.get(0).uri());
        }
    }

    @Test
    void anUnknownHostIsADnsFailureNotARefusedConnection() {
        Toolset toolset = toolset("prometheus/metrics", Map.of("config",
                Map.of("prometheus_url", "http://prometheus.does-not-exist.invalid:9090")));

        ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class,
                probe(Map.of()).probe(toolset, TIMEOUT));

        assertEquals(FailureReason.DNS_RESOLUTION_FAILED, down.reason());
        assertTrue(down.detail().startsWith("dns_resolution_failed: GET http://prometheus.does-not-exist.invalid:9090"
                + "/api/v1/query?query=up failed"), down.detail());
    }

    @Test
    void httpsToAPlainHttpServerIsATlsError() throws Exception {
        // A plain HTTP server: it reads the ClientHello, answers in plain text, and keeps the socket open
        // until the client gives up, so the client reads a non-TLS record rather than a reset.
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket socket = plain.accept()) {
                    socket.setSoTimeout((int) TIMEOUT.toMillis() * 2);
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    while (socket.getInputStream().read() >= 0) {
                        // Drain until the client closes.
                    }
                } catch (IOException e) {
                    // The test fails on the probe's result instead.
                }
            });
            answering.setDaemon(true);
            answering.start();
            Toolset toolset = toolset("opensearch/logs", Map.of("url", "https://127.0.0.1:" + plain.getLocalPort()));

            ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class,
                    probe(Map.of()).probe(toolset, TIMEOUT));

            assertEquals(FailureReason.TLS, down.reason(), down::detail);
            assertTrue(down.detail().startsWith("tls_error: GET https://127.0.0.1:" + plain.getLocalPort()),
                    down.detail());
            answering.join(TIMEOUT.toMillis());
        }
    }

    @Test
    void secretsInTheUrlGoOnTheWireButNeverIntoTheReport() throws IOException {
        try (RecordingServer prometheus = RecordingServer.http(r -> new RecordingServer.Answer(401, "no"))) {
            Toolset toolset = toolset("prometheus/metrics", Map.of("config", Map.of("prometheus_url",
                    "http://admin:hunter2@127.0.0.1:" + prometheus.port() + "/?api_token=tok-123")));

            ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class,
                    probe(Map.of()).probe(toolset, TIMEOUT));

            assertEquals("Basic YWRtaW46aHVudGVyMg==", prometheus.requests.get(0).header("Authorization"),
                    "user-info is sent as basic auth");
            assertEquals("/api/v1/query?api_token=tok-123&query=up", prometheus.requests.get(0).uri());
            assertEquals("http_401: GET http://admin:<redacted>@127.0.0.1:" + prometheus.port()
                    + "/api/v1/query?api_token=<redacted>&query=up answered HTTP 401", down.detail());
            assertFalse((down.detail() + down.hint()).contains("hunter2"));
            assertFalse((down.detail() + down.hint()).contains("tok-123"));
        }
    }

    @Test
    void aToolsetWithoutAnyUrlIsSkipped() {
        Toolset toolset = toolset("internet/web", Map.of("config", Map.of("timeout", 5, "description", "http://x")));
        assertInstanceOf(ProbeResult.Skipped.class, probe(Map.of()).probe(toolset, TIMEOUT));
    }
}
