package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toolsetconfig.bootstrap.e2e.MockApiServer.config;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toolsetconfig.adapters.metrics.PrometheusScrape;
import org.toolsetconfig.application.logging.StructuredLoggingListener;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.testing.LogCapture;
import org.toolsetconfig.bootstrap.e2e.MockApiServer;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ToolsetName;

/**
 * The whole service in one JVM with {@code TOOLSET_SOURCE=kubernetes}, against fabric8's Kubernetes
 * mock server in CRUD mode (a real HTTP server that speaks the API, watches included): the wiring
 * of DESIGN §10 from settings to HTTP, with only the client's configuration pointed at the mock.
 */
class KubernetesSourceTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final MockApiServer api = new MockApiServer();
    private Service service;
    private Injector injector;

    /** The refusals these tests provoke are the subject, not news: their event lines are kept here. */
    private static LogCapture events;

    @BeforeAll
    static void captureTheEventLines() {
        events = LogCapture.of(StructuredLoggingListener.LOGGER_NAME);
    }

    @AfterAll
    static void releaseTheEventLines() {
        events.close();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
        api.close();
    }

    private static Checksum checksum(String content) {
        return Checksum.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** The service's injector over {@code environment}, its Kubernetes client pointed at the mock server. */
    private Service service(String... environment) {
        Map<String, String> variables = new HashMap<>(Map.of("TOOLSET_SOURCE", "kubernetes",
                "TOOLSET_CONFIGMAP_NAMESPACE", MockApiServer.NAMESPACE, "TOOLSET_HTTP_HOST", "127.0.0.1",
                "TOOLSET_HTTP_PORT", "0", "TOOLSET_STARTUP_PROBES", "false"));
        for (int i = 0; i < environment.length; i += 2) {
            variables.put(environment[i], environment[i + 1]);
        }
        Settings settings = ((SettingsResolution.Resolved) SettingsResolver.resolve(variables, Map.of())).settings();
        Config mock = api.admin.getConfiguration();
        injector = Guice.createInjector(Stage.PRODUCTION, Modules.override(new ServiceModule(settings))
                .with(binder -> binder.bind(Config.class).toInstance(mock)));
        service = injector.getInstance(Service.class);
        return service;
    }

    private Checksum active() {
        return injector.getInstance(QueryToolsetsUseCase.class).activeSnapshot().checksum();
    }

    private String scrape() {
        return injector.getInstance(PrometheusScrape.class).scrape();
    }

    private int readyz() throws IOException, InterruptedException {
        int port = injector.getInstance(HttpServerLifecycle.class).port();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/readyz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void aCreatedConfigMapIsActiveAtStartAndEachUpdateIsAppliedThroughTheWatch() throws Exception {
        api.put(config(1));

        assertInstanceOf(StartResult.Started.class, service().start());
        assertEquals(checksum(config(1)), active());
        assertEquals(200, readyz());
        Await.until(BOUND, () -> scrape().contains("\nholmesgpt_config_source_connected 1.0\n"));
        assertTrue(scrape().contains("\nholmesgpt_config_source_reconnects_total 0.0\n"), this::scrape);

        for (int version = 2; version <= 4; version++) {
            api.put(config(version));
            Checksum expected = checksum(config(version));
            Await.until(BOUND, () -> active().equals(expected));
        }
        assertTrue(scrape().contains("holmesgpt_configmap_reload_total{result=\"config_changed\",trigger=\"watch\"} 3.0"),
                this::scrape);
    }

    @Test
    void aForcedRecheckAfterTheThresholdReadsTheConfigMapLiveWithoutAWatch() {
        api.put(config(1));
        // No watch: only the poll (60 s) or a forced re-check could see the change, and only by a live GET.
        assertInstanceOf(StartResult.Started.class, service("TOOLSET_WATCH_ENABLED", "false",
                "TOOLSET_MAX_FAILURES_BEFORE_RELOAD", "3").start());
        api.put(config(2));
        RecordToolsetOutcomeUseCase outcomes = injector.getInstance(RecordToolsetOutcomeUseCase.class);

        for (int i = 0; i < 2; i++) {
            outcomes.recordFailure(RecordFailureCommand.of(ToolsetName.of("kubernetes/core"), "Timeout", "x"));
        }
        assertEquals(checksum(config(1)), active(), "below the threshold nothing re-checks");
        outcomes.recordFailure(RecordFailureCommand.of(ToolsetName.of("kubernetes/core"), "Timeout", "x"));

        Await.until(BOUND, () -> active().equals(checksum(config(2))));
        assertTrue(scrape().contains("holmesgpt_auto_reload_triggered_total{result=\"config_changed\","
                + "toolset=\"kubernetes/core\"} 1.0"), this::scrape);
        assertTrue(scrape().contains("\nholmesgpt_config_source_connected 0.0\n"), this::scrape);
    }

    @Test
    void aMissingConfigMapRefusesToStartNamingItAndHowToFixIt() {
        StartResult.Refused refused = assertInstanceOf(StartResult.Refused.class, service().start());

        assertEquals("Toolset config invalid: ConfigMap toolsets/toolset-config, key toolsets.yaml: ConfigMap "
                + "toolsets/toolset-config does not exist; create it with key 'toolsets.yaml' (or check "
                + "TOOLSET_CONFIGMAP_NAMESPACE and TOOLSET_CONFIGMAP_NAME)", refused.lines().get(0));
        assertEquals("To fix it: create ConfigMap toolsets/toolset-config with key 'toolsets.yaml' (`kubectl -n "
                + "toolsets create configmap toolset-config --from-file=toolsets.yaml=toolsets.yaml`), or add that key "
                + "to it, and start again.", refused.lines().get(1));
        assertEquals(List.of(), service.running(), "nothing starts half-way");
    }

    @Test
    void aForbiddenReadRefusesToStartNamingTheRbacRule() {
        api.put(config(1));
        api.server.expect().get().withPath("/api/v1/namespaces/toolsets/configmaps/toolset-config")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("configmaps \"toolset-config\" is forbidden").build())
                .always();

        StartResult.Refused refused = assertInstanceOf(StartResult.Refused.class, service().start());

        assertTrue(refused.lines().get(0).contains("grant a Role in namespace toolsets allowing get, list and watch "
                + "on configmaps with resourceNames [toolset-config]"), refused.lines()::toString);
    }

    @Test
    void inDevModeAMissingConfigMapStartsEmptyAndIsAppliedOnceCreated() throws Exception {
        assertInstanceOf(StartResult.Started.class, service("HOLMESGPT_DEV_MODE", "true").start());
        Await.until(BOUND, () -> scrape().contains("\nholmesgpt_config_source_connected 1.0\n"));

        api.put(config(1));

        Await.until(BOUND, () -> active().equals(checksum(config(1))));
        assertEquals(200, readyz());
    }

    @Test
    void theNamespaceIsTheSettingElseThePodsElseTheKubeconfigContextsElseAnErrorNamingTheVariable(
            @TempDir Path directory) throws IOException {
        Path podFile = Files.writeString(directory.resolve("namespace"), "from-pod\n");
        Path noPod = directory.resolve("absent");
        Config withContext = new ConfigBuilder(Config.empty()).withNamespace("from-kubeconfig").build();

        assertEquals("set", KubernetesAdapterModule.namespace(Optional.of("set"), podFile, withContext));
        assertEquals("from-pod", KubernetesAdapterModule.namespace(Optional.empty(), podFile, withContext));
        assertEquals("from-kubeconfig", KubernetesAdapterModule.namespace(Optional.empty(), noPod, withContext));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> KubernetesAdapterModule.namespace(Optional.empty(), noPod, Config.empty()));
        assertTrue(none.getMessage().startsWith("TOOLSET_CONFIGMAP_NAMESPACE is not set"), none.getMessage());
        assertTrue(none.getMessage().endsWith("set TOOLSET_CONFIGMAP_NAMESPACE to the ConfigMap's namespace"),
                none.getMessage());
    }
}
