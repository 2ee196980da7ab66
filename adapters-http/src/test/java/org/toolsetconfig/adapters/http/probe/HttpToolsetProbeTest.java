package org.toolsetconfig.adapters.http.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.ConnectivityReport;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ProbeResult.FailureReason;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;

/** Real HTTP servers on loopback standing in for Prometheus, Grafana and friends. */
class HttpToolsetProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final HttpToolsetProbe probe = new HttpToolsetProbe(Map.<String, String>of()::get, Path.of("/nonexistent"));
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(String path, int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-upstream");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (!exchange.getRequestURI().toString().startsWith(path)) {
                exchange.sendResponseHeaders(404, -1);
            } else if (status < 0) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Toolset toolset(String name, String endpoint) {
        return new Toolset(ToolsetName.of(name), true, 0, Optional.of(URI.create(endpoint)), Map.of());
    }

    private ProbeResult.Unreachable unreachable(String name, String endpoint) {
        return assertInstanceOf(ProbeResult.Unreachable.class, probe.probe(toolset(name, endpoint), TIMEOUT));
    }

    @Test
    void healthyPrometheusAnswersTheInstantQuery() throws IOException {
        String url = serve("/api/v1/query?query=up", 200, "{\"status\": \"success\",\"data\":{}}");
        ProbeResult.Reachable up = assertInstanceOf(ProbeResult.Reachable.class,
                probe.probe(toolset("prometheus/metrics", url + "/"), TIMEOUT));
        assertEquals(url + "/api/v1/query?query=up", up.target());
    }

    @Test
    void prometheusAnsweringWithoutSuccessIsAnUnexpectedResponse() throws IOException {
        String url = serve("/api/v1/query", 200, "<html>a login page</html>");
        ProbeResult.Unreachable down = unreachable("prometheus/metrics", url);
        assertEquals(FailureReason.UNEXPECTED_RESPONSE, down.reason());
        assertTrue(down.detail().contains(url + "/api/v1/query?query=up"), down.detail());
    }

    @Test
    void serverErrorIsReportedWithStatusAndUrl() throws IOException {
        String url = serve("/api/health", 500, "boom");
        ProbeResult.Unreachable down = unreachable("grafana/loki", url);
        assertEquals(FailureReason.HTTP_STATUS, down.reason());
        assertEquals("http_500: GET " + url + "/api/health answered HTTP 500", down.detail());
        assertTrue(down.hint().contains("Grafana"));
    }

    @Test
    void healthyGrafanaAndAnyOtherToolsetBelow500() throws IOException {
        String url = serve("/", 200, "{\"database\":\"ok\"}");
        assertInstanceOf(ProbeResult.Reachable.class, probe.probe(toolset("grafana/tempo", url), TIMEOUT));
        assertInstanceOf(ProbeResult.Reachable.class, probe.probe(toolset("datadog/logs", url + "/missing"), TIMEOUT),
                "a 404 is below 500, so the service is up");
    }

    @Test
    void slowServerPastTheTimeoutIsATimeout() throws IOException {
        String url = serve("/", -1, "");
        ProbeResult.Unreachable down = unreachable("prometheus/metrics", url);
        assertEquals(FailureReason.TIMEOUT, down.reason());
        assertTrue(down.detail().startsWith("timeout: "), down.detail());
        assertTrue(down.detail().contains("within 1 s"), down.detail());
    }

    @Test
    void closedPortIsConnectionRefused() throws IOException {
        // Bound but not listening: the port is refused, and stays ours for the test (a closed one could be reused).
        try (Socket reserved = new Socket()) {
            reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = reserved.getLocalPort();
            ProbeResult.Unreachable down = unreachable("prometheus/metrics", "http://127.0.0.1:" + port);
            assertEquals(FailureReason.CONNECTION_REFUSED, down.reason());
            assertEquals("connection_refused: GET http://127.0.0.1:" + port + "/api/v1/query?query=up failed: "
                    + "connection refused", down.detail());
        }
    }

    @Test
    void aPasswordOrTokenInTheEndpointIsUsedButNeverShownInTheReport() throws IOException {
        String url = serve("/api/health", 500, "boom");
        String withSecrets = url.replace("http://", "http://admin:pr0be-pw@") + "/?api_key=pr0be-key";

        ProbeResult.Unreachable down = unreachable("grafana/loki", withSecrets);

        assertEquals(FailureReason.HTTP_STATUS, down.reason(), "the request was really sent");
        String shown = down.detail() + " " + down.hint();
        assertFalse(shown.contains("pr0be-pw") || shown.contains("pr0be-key"), shown);
        assertTrue(down.detail().contains("admin:<redacted>@127.0.0.1"), down.detail());
    }

    @Test
    void kubernetesOutsideAClusterAndToolsetsWithoutEndpointAreSkipped() {
        assertInstanceOf(ProbeResult.Skipped.class, probe.probe(Toolset.named("kubernetes/core"), TIMEOUT));
        assertInstanceOf(ProbeResult.Skipped.class, probe.probe(Toolset.named("aws/s3"), TIMEOUT));
    }

    @Test
    void kubernetesInAClusterWithoutAServiceAccountIsReported() {
        HttpToolsetProbe inCluster = new HttpToolsetProbe(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                "KUBERNETES_SERVICE_PORT", "1")::get, Path.of("/nonexistent"));
        ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class,
                inCluster.probe(Toolset.named("kubernetes/core"), TIMEOUT));
        assertTrue(down.detail().startsWith("io_error: cannot use the service account for https://127.0.0.1:1: "),
                down.detail());
    }

    @Test
    void slowToolsetsAreProbedInParallelThroughTheCore() throws IOException {
        String url = serve("/", -1, "");
        ToolsetConfigCore core = ToolsetConfigCore.builder().configSource(new InMemoryConfigSource("kubernetes"))
                .configDecoder(new LineDecoder()).structuredLogging(false).toolsetProbe(probe)
                .probeSettings(new ProbeSettings(true, TIMEOUT, TIMEOUT)).build();

        ConnectivityReport report = core.connectivity().probe(List.of(toolset("prometheus/a", url),
                toolset("prometheus/b", url), toolset("grafana/c", url), toolset("other/d", url)));

        // Counted, not timed: within the one timeout the whole run may take, all four requests reached the
        // upstream (which answers none of them); probed one after another, only the first could have.
        assertTrue(received.get() >= 4, () -> received.get() + " requests reached the upstream");
        assertEquals(4, report.unavailable().size());
        assertEquals("Service startup failed: 4 toolset(s) unavailable:", report.failureLines().get(0));
    }
}
