package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Configuration files nobody here wrote (the public ones in src/test/resources/real-configs/, whose
 * README.md names each one's source, and two planted ones), each put in front of a running service as its operator would:
 * accepted or refused as a user of HolmesGPT or kubernaut expects, and no secret in them ever shows
 * in an answer or a log line.
 */
class RealConfigsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the service must make of one file: the enabled toolsets it serves, or the problem that refuses it. */
    private record Case(String file, List<String> enabled, String refusedBecause) {
        static Case accepted(String file, String... enabled) {
            return new Case(file, List.of(enabled), null);
        }

        static Case refused(String file, String because) {
            return new Case(file, List.of(), because);
        }

        boolean isAccepted() {
            return refusedBecause == null;
        }
    }

    /** The public files (README.md beside the planted ones says where each comes from and why its verdict is right). */
    private static final List<Case> REAL = List.of(
            Case.accepted("holmesgpt-helm-values-toolsets.yaml",
                    "internet", "kubernetes/core", "kubernetes/logs", "prometheus/metrics", "robusta"),
            Case.accepted("holmesgpt-examples-custom_toolset.yaml", "switch_clusters"),
            Case.accepted("holmesgpt-builtin-kubernetes.yaml", "kubernetes/core", "kubernetes/krew-extras",
                    "kubernetes/kube-lineage-extras", "kubernetes/kube-prometheus-stack", "kubernetes/live-metrics"),
            Case.accepted("holmesgpt-builtin-argocd.yaml", "argocd/core"),
            Case.accepted("holmesgpt-builtin-aws.yaml", "aws/security", "aws/rds"),
            Case.accepted("holmesgpt-fixture-39_failed_toolset.yaml", "kubernetes/core", "rabbitmq/core"),
            Case.accepted("holmesgpt-fixture-91e_datadog_custom_metrics.yaml", "datadog/metrics", "kubernetes/core"),
            Case.accepted("holmesgpt-fixture-14_tempo.yaml", "grafana/tempo", "kubernetes/core",
                    "kubernetes/kube-lineage-extras", "kubernetes/live-metrics", "kubernetes/logs", "robusta"),
            Case.accepted("holmesgpt-fixture-118_new_relic_logs.yaml", "newrelic"),
            Case.accepted("holmesgpt-docs-remote-mcp-servers-streamable.yaml", "my_server"),
            Case.accepted("holmesgpt-docs-remote-mcp-servers-helm.yaml", "mcp_server_1"),
            Case.accepted("holmesgpt-docs-prometheus-advanced.yaml", "prometheus/metrics"),
            Case.accepted("holmesgpt-fixture-38_rabbitmq_split_head.yaml", "rabbitmq/core"),
            Case.accepted("holmesgpt-fixture-102_loki_label_discovery.yaml", "grafana/loki", "kubernetes/core"),
            Case.accepted("holmesgpt-fixture-91f_datadog_logs_historical_pod.yaml", "datadog/logs"),
            Case.accepted("holmesgpt-docs-remote-mcp-servers-cli.yaml", "mcp_server_1"),
            Case.refused("holmesgpt-docs-internet-helm-values.yaml", "this looks like Helm values"),
            Case.refused("holmesgpt-config.example.yaml", "the document must be a mapping"),
            Case.refused("kubernaut-sdk-config.yaml", "the document has neither 'discovered:' nor 'toolsets:'"),
            Case.refused("kubernaut-dynamic-toolset-config.yaml",
                    "the document has neither 'discovered:' nor 'toolsets:'"),
            Case.refused("kubernaut-holmesgpt-hybrid-toolset.yaml",
                    "the document has neither 'discovered:' nor 'toolsets:'"),
            Case.refused("kubernaut-local-llm.yaml", "the document has neither 'discovered:' nor 'toolsets:'"),
            Case.refused("kubernaut-docs-toolset-configmap-data.yaml", "YAML syntax error"));

    /** Ours, shipped with this test: a credential in every place the two projects put one. */
    private static final List<Case> PLANTED = List.of(
            Case.accepted("planted-holmesgpt-secrets.yaml", "datadog/logs", "grafana/loki", "kubernetes/core",
                    "prometheus/metrics", "rabbitmq/core", "remote_mcp"),
            Case.accepted("planted-kubernaut-secrets.yaml", "kubernetes", "prometheus", "grafana"));

    /** The toolsets above that are {@code mcp_servers:} entries; every other one is {@code built-in}. */
    private static final Set<String> MCP_SERVERS = Set.of("my_server", "mcp_server_1", "remote_mcp");

    /** Every credential written in the files above; none may leave the process. */
    private static final List<String> SECRETS = List.of("incorrect_password", "token123", "base_64_encoded_string",
            "planted-url-password", "planted-query-token", "planted-basic-credential", "planted-grafana-api-key",
            "planted-rabbit-password", "planted-opensearch-password", "planted-mcp-query-key",
            "planted-mcp-bearer", "planted-endpoint-password", "planted-endpoint-key", "planted-settings-token",
            "planted-override-secret", "slm_password");

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> answers = new ArrayList<>();
    private int port;

    @Test
    void plantedSecretsNeverShowInAnyAnswerOrLogLine(@TempDir Path directory) throws Exception {
        run(directory, PLANTED);
    }

    @Test
    void eachRealFileIsAcceptedOrRefusedAsItsUsersExpectAndNoSecretEverShows(@TempDir Path directory)
            throws Exception {
        run(directory, REAL);
    }

    private void run(Path directory, List<Case> cases) throws Exception {
        Path config = Files.writeString(directory.resolve("toolsets.yaml"), "toolsets:\n  kubernetes/core:\n"
                + "    enabled: true\n");
        // Logged as the service logs at DEBUG, its most verbose everyday level: its own layout, and
        // Jetty and Javalin at the level LogSetup leaves them (Jetty's DEBUG dumps request bodies).
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setOutputStream(written);
        LogSetup.install(Settings.LogFormat.TEXT, org.slf4j.event.Level.DEBUG, appender);
        Injector injector = Guice.createInjector(new ServiceModule(settings(config)));
        Service service = injector.getInstance(Service.class);
        try {
            assertInstanceOf(StartResult.Started.class, service.start());
            port = injector.getInstance(HttpServerLifecycle.class).port();
            for (Case each : cases) {
                check(each, config, resource("/real-configs/" + each.file()));
            }
        } finally {
            service.stop();
            restoreTestLogging();
        }

        List<String> lines = written.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.contains("configmap_reload_complete")), "re-checks logged");
        if (cases.stream().anyMatch(each -> !each.isAccepted())) {
            for (String rejected : List.of("new_config_validation_failed", "configmap_parse_error_during_reload")) {
                // A text line is "time level event key=value …".
                assertTrue(lines.stream().map(line -> List.of(line.split(" +", 4)))
                                .anyMatch(words -> words.size() > 2 && words.get(1).equals("ERROR")
                                        && words.get(2).equals(rejected)),
                        () -> "ERROR " + rejected + " was not logged: " + String.join("\n", lines));
            }
        }
        for (String secret : SECRETS) {
            answers.forEach(answer -> assertFalse(answer.contains(secret), () -> secret + " in " + answer));
            lines.forEach(line -> assertFalse(line.contains(secret), () -> secret + " in the log: " + line));
        }
        assertTrue(String.join("\n", answers).contains("env.DATADOG_API_KEY"), "an env reference is shown as written");
    }

    private void check(Case each, Path config, byte[] bytes) throws IOException, InterruptedException {
        Files.write(config, bytes);
        JsonNode reload = send("POST", "/api/v1/reload", null);
        JsonNode validate = send("POST", "/api/v1/validate", bytes);
        if (!each.isAccepted()) {
            assertEquals("validation_failed", reload.get("result").asText(), each.file() + ": " + reload);
            assertFalse(validate.get("valid").asBoolean(), each.file());
            assertTrue(validate.get("problems").toString().contains(each.refusedBecause()),
                    () -> each.file() + ": " + validate.get("problems"));
            send("GET", "/api/v1/status", null);
            return;
        }
        assertEquals("config_changed", reload.get("result").asText(), () -> each.file() + ": " + reload);
        assertTrue(validate.get("valid").asBoolean(), () -> each.file() + ": " + validate.get("problems"));
        JsonNode listed = send("GET", "/api/v1/toolsets", null);
        List<String> names = names(listed.get("toolsets"));
        assertEquals(each.enabled().stream().sorted().toList(), names.stream().sorted().toList(), each.file());
        listed.get("toolsets").forEach(toolset -> assertEquals(
                MCP_SERVERS.contains(toolset.get("name").asText()) ? "mcp" : "built-in", toolset.get("type").asText(),
                () -> each.file() + ": " + toolset));
        for (String name : names) {
            send("GET", "/api/v1/toolsets/" + URLEncoder.encode(name, StandardCharsets.UTF_8), null);
        }
        String session = "real-" + Integer.toHexString(each.file().hashCode());
        send("PUT", "/api/v1/sessions/" + session, null);
        JsonNode pinned = send("GET", "/api/v1/sessions/" + session, null);
        assertEquals(names, names(pinned.get("toolsets")), each.file());
        send("DELETE", "/api/v1/sessions/" + session, null);
    }

    private JsonNode send(String method, String path, byte[] yaml) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (yaml != null) {
            request.header("Content-Type", "application/yaml").method(method, HttpRequest.BodyPublishers.ofByteArray(yaml));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, () -> method + " " + path + ": " + response.statusCode() + " "
                + response.body());
        answers.add(response.body());
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static List<String> names(JsonNode toolsets) {
        List<String> names = new ArrayList<>();
        toolsets.forEach(toolset -> names.add(toolset.get("name").asText()));
        return names;
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = RealConfigsTest.class.getResourceAsStream(file)) {
            assertTrue(in != null, "missing fixture " + file);
            return in.readAllBytes();
        }
    }

    private static Settings settings(Path config) {
        SettingsResolution resolution = SettingsResolver.resolve(Map.of("TOOLSET_CONFIG_PATH", config.toString(),
                "TOOLSET_HTTP_HOST", "127.0.0.1", "TOOLSET_HTTP_PORT", "0", "TOOLSET_STARTUP_PROBES", "false",
                "TOOLSET_WATCH_ENABLED", "false"), Map.of());
        return ((SettingsResolution.Resolved) resolution).settings();
    }

    /** Puts back the logging the test JVM started with (LogSetup.install replaced it). */
    private static void restoreTestLogging() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }
}
