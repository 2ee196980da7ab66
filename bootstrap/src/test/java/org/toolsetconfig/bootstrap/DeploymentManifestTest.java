package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toolsetconfig.bootstrap.YamlFiles.ROOT;
import static org.toolsetconfig.bootstrap.YamlFiles.list;
import static org.toolsetconfig.bootstrap.YamlFiles.map;
import static org.toolsetconfig.bootstrap.YamlFiles.yaml;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.logging.StructuredLoggingListener;
import org.toolsetconfig.application.testing.LogCapture;
import org.junit.jupiter.api.io.TempDir;
import org.toolsetconfig.adapters.filesystem.YamlConfigDecoder;
import org.toolsetconfig.adapters.metrics.PrometheusScrape;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.ToolsetName;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * Keeps {@code deploy/kubernetes} and the {@code Dockerfile} true to the service: the mount is where
 * {@code TOOLSET_CONFIG_PATH} points, the probes hit routes the API serves on the port it listens
 * on, and every alert names metrics the service really exports.
 */
class DeploymentManifestTest {

    private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");
    private static final Pattern METRIC = Pattern.compile("\\bholmesgpt_[a-z_]+");

    private static Map<String, Map<String, Object>> byKind;

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        byKind = new java.util.HashMap<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : yaml().loadAll(Files.readString(file))) {
                    Map<String, Object> manifest = map(document);
                    assertNotNull(manifest.get("kind"), file + " has a document without kind");
                    assertEquals(null, byKind.put((String) manifest.get("kind"), manifest),
                            "one manifest of each kind: " + manifest.get("kind"));
                }
            }
        }
    }

    private static Object at(Map<String, Object> root, String... path) {
        Object node = root;
        for (String key : path) {
            node = map(node).get(key);
            assertNotNull(node, "missing " + String.join(".", path));
        }
        return node;
    }

    private static Map<String, Object> container() {
        List<Object> containers = list(at(byKind.get("Deployment"), "spec", "template", "spec", "containers"));
        assertEquals(1, containers.size());
        return map(containers.get(0));
    }

    private static Map<String, String> environment() {
        return list(container().get("env")).stream().map(YamlFiles::map)
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> String.valueOf(e.get("value"))));
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Set<String> listed = list(at(byKind.get("Kustomization"), "resources")).stream().map(String::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> present;
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            present = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, listed);
    }

    @Test
    void theConfigMapIsMountedAsADirectoryWhereTheConfigPathPoints() {
        Path configPath = Path.of(environment().get("TOOLSET_CONFIG_PATH"));
        Map<String, Object> configMap = byKind.get("ConfigMap");
        String configMapName = (String) at(configMap, "metadata", "name");

        List<Map<String, Object>> mounts = list(container().get("volumeMounts")).stream()
                .map(YamlFiles::map).toList();
        mounts.forEach(mount -> assertFalse(mount.containsKey("subPath"),
                "kubelet never updates a subPath mount: " + mount));
        Map<String, Object> mount = mounts.stream()
                .filter(m -> Path.of((String) m.get("mountPath")).equals(configPath.getParent())).findFirst()
                .orElseThrow(() -> new AssertionError("no mount at " + configPath.getParent()));
        Map<String, Object> volume = list(at(byKind.get("Deployment"), "spec", "template", "spec", "volumes")).stream()
                .map(YamlFiles::map).filter(v -> v.get("name").equals(mount.get("name"))).findFirst()
                .orElseThrow();
        assertEquals(configMapName, at(volume, "configMap", "name"));
        assertTrue(map(at(configMap, "data")).containsKey(configPath.getFileName().toString()),
                "the ConfigMap has the key the service reads");
    }

    @Test
    void theConfigMapHoldsAValidConfiguration() {
        String toolsets = (String) at(byKind.get("ConfigMap"), "data", "toolsets.yaml");

        DecodeResult decoded = new YamlConfigDecoder(1_048_576).decode(toolsets.getBytes(StandardCharsets.UTF_8));

        assertTrue(decoded instanceof DecodeResult.Decoded, decoded::toString);
        assertEquals(List.of(), decoded.problems().stream().filter(ValidationProblem::isError).toList());
    }

    @Test
    void theServiceRunsAsNonRootOnAReadOnlyRootFilesystemWithJsonLogsAndResources() {
        Map<String, Object> podSecurity = map(at(byKind.get("Deployment"), "spec", "template", "spec", "securityContext"));
        Map<String, Object> security = map(container().get("securityContext"));

        assertEquals(true, podSecurity.get("runAsNonRoot"));
        assertTrue(((Number) podSecurity.get("runAsUser")).intValue() > 0);
        assertEquals(true, security.get("readOnlyRootFilesystem"));
        assertEquals(false, security.get("allowPrivilegeEscalation"));
        assertEquals("json", environment().get("TOOLSET_LOG_FORMAT"));
        if (!"false".equals(environment().get("TOOLSET_STARTUP_PROBES"))) {
            assertFalse(Boolean.FALSE.equals(at(byKind.get("Deployment"), "spec", "template", "spec")
                    instanceof Map<?, ?> pod ? pod.get("automountServiceAccountToken") : null),
                    "the kubernetes/* startup probe needs the service-account token");
        }
        assertNotNull(at(container(), "resources", "requests", "memory"));
        assertNotNull(at(container(), "resources", "limits", "memory"));
    }

    @Test
    void theServiceAccountMayDoWhatTheKubernetesStartupProbeAsksFor() {
        Map<String, Object> pod = map(at(byKind.get("Deployment"), "spec", "template", "spec"));
        String account = (String) pod.get("serviceAccountName");
        assertEquals(account, at(byKind.get("ServiceAccount"), "metadata", "name"));
        Map<String, Object> binding = byKind.get("ClusterRoleBinding");
        assertEquals(at(byKind.get("ClusterRole"), "metadata", "name"), at(binding, "roleRef", "name"));
        assertTrue(list(binding.get("subjects")).stream().map(YamlFiles::map)
                .anyMatch(s -> "ServiceAccount".equals(s.get("kind")) && account.equals(s.get("name"))), binding::toString);
        Set<String> granted = new TreeSet<>();
        for (Object rule : list(at(byKind.get("ClusterRole"), "rules"))) {
            Map<String, Object> r = map(rule);
            if (list(r.get("apiGroups")).contains("")) {
                for (Object resource : list(r.get("resources"))) {
                    list(r.get("verbs")).forEach(verb -> granted.add(verb + " " + resource));
                }
            }
        }
        // The SelfSubjectAccessReviews of HttpToolsetProbe for kubernetes/* toolsets.
        assertTrue(granted.containsAll(Set.of("list pods", "get pods/log", "list events")), granted::toString);
    }

    @Test
    void theDeploymentPinsDevModeOffAndAnAlertFiresWhenItIsOn() {
        assertEquals("false", environment().get("HOLMESGPT_DEV_MODE"),
                "a cluster must never inherit dev mode: it skips startup validation and the probes");
        List<String> devModeAlerts = new ArrayList<>();
        for (Object group : list(at(byKind.get("PrometheusRule"), "spec", "groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                Map<String, Object> alert = map(rule);
                if (String.valueOf(alert.get("expr")).contains("holmesgpt_dev_mode_enabled")) {
                    devModeAlerts.add(alert.get("alert") + " for " + alert.get("for"));
                }
            }
        }
        assertEquals(List.of("ToolsetConfigDevModeEnabled for 5m"), devModeAlerts);
    }

    @Test
    void theProbesHitRoutesOfTheApiOnThePortTheServiceListensOn() throws IOException {
        Set<String> apiPaths;
        try (InputStream openApi = org.toolsetconfig.adapters.http.HttpApiServer.class
                .getResourceAsStream("openapi.yaml")) {
            assertNotNull(openApi, "the HTTP adapter ships openapi.yaml");
            apiPaths = map(yaml().load(openApi)).get("paths") instanceof Map<?, ?> paths
                    ? paths.keySet().stream().map(String::valueOf).collect(Collectors.toSet()) : Set.of();
        }
        int listening = Integer.parseInt(environment().getOrDefault("TOOLSET_HTTP_PORT", "8080"));
        Map<String, Integer> ports = list(container().get("ports")).stream().map(YamlFiles::map)
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> (Integer) p.get("containerPort")));

        assertEquals(Map.of("http", listening), ports);
        assertEquals("/healthz", at(container(), "livenessProbe", "httpGet", "path"));
        assertEquals("/readyz", at(container(), "readinessProbe", "httpGet", "path"));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            if (container().containsKey(probe)) {
                Map<String, Object> httpGet = map(at(container(), probe, "httpGet"));
                assertTrue(apiPaths.contains((String) httpGet.get("path")), probe + " path is not served: " + httpGet);
                Object port = httpGet.get("port");
                assertTrue(ports.containsKey(String.valueOf(port)) || Objects.equals(port, listening),
                        probe + " port " + port + " is not the service's");
            }
        }
        Map<String, Object> servicePort = map(list(at(byKind.get("Service"), "spec", "ports")).get(0));
        assertTrue(ports.containsKey(String.valueOf(servicePort.get("targetPort")))
                || Objects.equals(servicePort.get("targetPort"), listening));
    }

    @Test
    void theAlertsCoverTheOperatorsQuestionsAndNameOnlyExportedMetrics(@TempDir Path directory) throws IOException {
        List<String> expressions = new ArrayList<>();
        for (Object group : list(at(byKind.get("PrometheusRule"), "spec", "groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                expressions.add(String.valueOf(map(rule).get("expr")));
            }
        }
        assertTrue(expressions.stream().anyMatch(e -> e.contains("holmesgpt_auto_reload_triggered_total")
                && !e.contains("config_unchanged")), "an alert on any auto-reload: " + expressions);
        assertTrue(expressions.stream().anyMatch(e -> e.contains("result=\"config_unchanged\"")),
                "an alert on repeated config_unchanged: " + expressions);
        assertTrue(expressions.stream().anyMatch(e -> e.contains("holmesgpt_config_last_reload_successful")),
                "an alert on the last reload failing: " + expressions);

        Set<String> exported = exportedSampleNames(directory);
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                assertTrue(exported.contains(metric.group()), metric.group() + " is not exported; the service exports "
                        + exported.stream().filter(n -> n.startsWith("holmesgpt_")).toList());
            }
        }
    }

    /** Every sample name of a real scrape, after events that create every meter. */
    private static Set<String> exportedSampleNames(Path directory) throws IOException {
        Path config = Files.writeString(directory.resolve("toolsets.yaml"),
                "discovered:\n  - name: kubernetes/core\n    enabled: true\n");
        SettingsResolution.Resolved resolved = (SettingsResolution.Resolved) SettingsResolver.resolve(
                Map.of("TOOLSET_CONFIG_PATH", config.toString(), "TOOLSET_HTTP_PORT", "0"), Map.of());
        Injector injector = Guice.createInjector(new ServiceModule(resolved.settings()));
        PrometheusScrape scrape = injector.getInstance(PrometheusScrape.class);
        try (LogCapture events = LogCapture.of(StructuredLoggingListener.LOGGER_NAME)) {
            injector.getInstance(ReloadConfigurationUseCase.class).startup();
            RecordToolsetOutcomeUseCase outcomes = injector.getInstance(RecordToolsetOutcomeUseCase.class);
            for (int i = 0; i < 4; i++) {
                outcomes.recordFailure(RecordFailureCommand.of(ToolsetName.of("prometheus/metrics"), "Timeout", "x"));
            }
            // The failures provoke the threshold's lines; they are the service's own, captured rather than printed.
            events.only("toolset_max_failures_reached_triggering_auto_reload");
            injector.getInstance(ReloadConfigurationUseCase.class).reload(ReloadTrigger.MANUAL);
            injector.getInstance(ManageSessionsUseCase.class).register(new SessionId("investigation-1"));
            return scrape.scrape().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        } finally {
            scrape.close();
        }
    }

    @Test
    void theDockerImageBuildsWithMavenAndRunsTheJarOnAJre17AsNonRoot() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        int runtime = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                runtime = i;
            }
        }
        List<String> build = lines.subList(0, runtime);
        List<String> image = lines.subList(runtime, lines.size());

        assertTrue(build.stream().anyMatch(l -> l.startsWith("FROM maven:") && l.contains("17")), build::toString);
        assertTrue(build.stream().anyMatch(l -> l.startsWith("RUN mvn ") && l.contains("package")), build::toString);
        assertTrue(image.get(0).matches("FROM \\S+:17-jre\\S*"), image.get(0));
        assertTrue(image.stream().anyMatch(l -> l.startsWith("COPY --from=build ")
                && l.contains("bootstrap/target/toolset-config-service.jar")), image::toString);
        String user = image.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertTrue(user.matches("USER [1-9][0-9]*(:[1-9][0-9]*)?"), "a numeric non-root user: " + user);
    }

    @Test
    void theImageStartsFromTheAppCdsArchiveItsOwnJvmWrote() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        Matcher entrypoint = Pattern.compile("ENTRYPOINT \\[.*\"-XX:SharedArchiveFile=([^\"]+)\".*]").matcher(runtime);
        assertTrue(entrypoint.find(), "the ENTRYPOINT names an archive: " + runtime);
        String archive = entrypoint.group(1);
        // Written in the runtime stage (an archive fits only the JVM that wrote it), before the user changes.
        Matcher training = Pattern.compile("RUN bash \\S+/appcds-train\\.sh /app/toolset-config-service\\.jar "
                + Pattern.quote(archive) + "\\b").matcher(runtime);
        assertTrue(training.find(), "the runtime stage runs appcds-train.sh to write " + archive);
        assertTrue(runtime.indexOf("COPY scripts/appcds-train.sh ") < training.start()
                && training.start() < runtime.indexOf("\nUSER "), runtime);
    }
}
