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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.logging.StructuredLoggingListener;
import org.toolsetconfig.application.testing.LogCapture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
 * Keeps {@code deploy/kubernetes} and the {@code Dockerfile} true to the service and to DESIGN §10. Every
 * kustomization (the base and each overlay) is rendered by {@code scripts/render-manifests.sh} with kubectl's
 * kustomize into {@code deploy/kubernetes-rendered}, and the objects it renders are checked: the config is
 * where the service reads it (the mounted directory or the API), the account may read it and nothing about it is left to chance on a bare cluster,
 * two replicas roll one at a time behind a PodDisruptionBudget and a ClientIP-affine Service, the probes hit
 * routes the API serves, and every alert names metrics the service really exports.
 */
class DeploymentManifestTest {

    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path MANIFESTS = DEPLOY.resolve("kubernetes");
    private static final Path RENDERED = ROOT.resolve("bootstrap/target/rendered-manifests");
    private static final Path COMMITTED = DEPLOY.resolve("kubernetes-rendered");
    private static final Path RULE_FILE = DEPLOY.resolve("prometheus/toolset-config-alerts.yaml");
    private static final Pattern METRIC = Pattern.compile("\\bholmesgpt_[a-z_]+");
    private static final String APP = "toolset-config-service";
    /** The variables the JVM reads and announces with a plain "Picked up ..." line on stderr. */
    private static final Set<String> JVM_OPTION_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /** Rendered objects of each kustomization, by its directory under deploy/kubernetes. */
    private static Map<String, Rendered> rendered;

    /** The objects one kustomization renders. */
    record Rendered(String name, List<Map<String, Object>> objects) {

        List<Map<String, Object>> all(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        }

        Map<String, Object> one(String kind) {
            List<Map<String, Object>> found = all(kind);
            assertEquals(1, found.size(), name + " renders one " + kind);
            return found.get(0);
        }

        Map<String, Object> podSpec() {
            return map(at(one("Deployment"), "spec", "template", "spec"));
        }

        Map<String, Object> container() {
            List<Object> containers = list(podSpec().get("containers"));
            assertEquals(1, containers.size());
            return map(containers.get(0));
        }

        /** The container's variables: a value, or {@code fieldRef:<path>} for one from the downward API. */
        Map<String, String> environment() {
            Map<String, String> variables = new LinkedHashMap<>();
            for (Object entry : list(container().get("env"))) {
                Map<String, Object> variable = map(entry);
                String value = variable.containsKey("valueFrom")
                        ? "fieldRef:" + at(map(variable.get("valueFrom")), "fieldRef", "fieldPath")
                        : String.valueOf(variable.get("value"));
                assertEquals(null, variables.put((String) variable.get("name"), value), "set twice: " + variable);
            }
            return variables;
        }

        String source() {
            return environment().getOrDefault("TOOLSET_SOURCE", "file");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The objects checked are the committed rendering in {@code deploy/kubernetes-rendered}, so the checks
     * run with only a JDK and Maven. Where kubectl is installed (CI installs it) every kustomization is
     * rendered again and must equal what is committed: a manifest edited without re-rendering fails here.
     */
    @BeforeAll
    static void renderEveryKustomization() throws IOException, InterruptedException {
        if (kubectlInstalled()) {
            Process render = new ProcessBuilder("bash", ROOT.resolve("scripts/render-manifests.sh").toString(),
                    RENDERED.toString()).redirectErrorStream(true).start();
            String output = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(render.waitFor(120, TimeUnit.SECONDS), "render-manifests.sh still running: " + output);
            assertEquals(0, render.exitValue(), "scripts/render-manifests.sh failed:\n" + output);
            assertEquals(fileNames(COMMITTED), fileNames(RENDERED), "the kustomizations rendered");
            for (String name : fileNames(RENDERED)) {
                assertEquals(Files.readString(COMMITTED.resolve(name)), Files.readString(RENDERED.resolve(name)),
                        "deploy/kubernetes-rendered/" + name + " is stale: run scripts/render-manifests.sh "
                                + "deploy/kubernetes-rendered");
            }
        }
        rendered = new TreeMap<>();
        try (Stream<Path> files = Files.list(COMMITTED)) {
            for (Path file : files.sorted().toList()) {
                List<Map<String, Object>> objects = new ArrayList<>();
                for (Object document : yaml().loadAll(Files.readString(file))) {
                    if (document != null) {
                        objects.add(map(document));
                    }
                }
                String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                rendered.put(name, new Rendered(name, objects));
            }
        }
    }

    private static boolean kubectlInstalled() {
        String chosen = System.getenv("KUBECTL");
        if (chosen != null) {
            return true;
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl")));
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** The kustomizations that deploy the service. */
    static Stream<Rendered> deployments() {
        return rendered.values().stream().filter(r -> !r.all("Deployment").isEmpty());
    }

    private static Object at(Map<String, Object> root, String... path) {
        Object node = root;
        for (String key : path) {
            node = map(node).get(key);
            assertNotNull(node, "missing " + String.join(".", path));
        }
        return node;
    }

    private static String namespaceOf(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("namespace");
    }

    private static String nameOf(Map<String, Object> object) {
        return (String) at(object, "metadata", "name");
    }

    private static Map<String, Object> kustomization(String directory) throws IOException {
        return map(yaml().load(Files.readString(MANIFESTS.resolve(directory).resolve("kustomization.yaml"))));
    }

    @Test
    void everyYamlFileUnderDeployParsesAndEveryManifestHasAKind() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "found " + files);
        for (Path file : files) {
            for (Object document : yaml().loadAll(Files.readString(file))) {
                Map<String, Object> root = map(document);
                if (file.startsWith(MANIFESTS)) {
                    assertNotNull(root.get("kind"), file + " has a document without kind");
                    assertNotNull(root.get("apiVersion"), file + " has a document without apiVersion");
                }
            }
        }
    }

    @Test
    void theBaseAndEachOverlayRenderAndEveryFileBesideAKustomizationIsUsedByIt() throws IOException {
        assertEquals(Set.of("base", "overlays-api-source", "overlays-prometheus-operator"), rendered.keySet());
        for (String directory : List.of("base", "overlays/api-source", "overlays/prometheus-operator")) {
            Map<String, Object> kustomization = kustomization(directory);
            Set<String> used = new TreeSet<>();
            for (String field : List.of("resources", "patchesStrategicMerge")) {
                if (kustomization.containsKey(field)) {
                    list(kustomization.get(field)).forEach(entry -> used.add(String.valueOf(entry)));
                }
            }
            Set<String> present;
            try (Stream<Path> files = Files.list(MANIFESTS.resolve(directory))) {
                present = files.map(f -> f.getFileName().toString())
                        .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(present, used, directory + "/kustomization.yaml uses every manifest beside it");
        }
    }

    @Test
    void everyObjectLivesInOneNamespaceTheSameForEveryKustomization() {
        Set<String> cluster = Set.of("ClusterRole", "ClusterRoleBinding");
        Set<String> namespaces = new TreeSet<>();
        for (Rendered render : rendered.values()) {
            for (Map<String, Object> object : render.objects()) {
                if (!cluster.contains(object.get("kind"))) {
                    assertNotNull(namespaceOf(object), render + ": " + object.get("kind") + " has a namespace");
                    namespaces.add(namespaceOf(object));
                }
            }
        }
        assertEquals(Set.of("toolset-config"), namespaces);
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theImageIsNamedByKustomizeWithATag(Rendered render) throws IOException {
        String image = (String) render.container().get("image");
        assertTrue(image.matches("[^:@\\s]+(:[^:@\\s]+|@sha256:[0-9a-f]{64})") && !image.endsWith(":latest"),
                render + ": a tagged image, not " + image);
        // The base names the image by a placeholder that kustomization.yaml's images: sets, the one place
        // (with docs/kubernetes.md) that says to build, push and name yours.
        Map<String, Object> raw = map(yaml().load(Files.readString(MANIFESTS.resolve("base/deployment.yaml"))));
        String placeholder = (String) map(list(at(raw, "spec", "template", "spec", "containers")).get(0)).get("image");
        assertTrue(list(kustomization("base").get("images")).stream().map(YamlFiles::map)
                .anyMatch(entry -> placeholder.equals(entry.get("name"))), "images: sets " + placeholder);
        assertTrue(image.startsWith(placeholder + ":") || image.contains("/"), render + ": " + image);
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void twoReplicasRollOneAtATimeBehindADisruptionBudgetAndAnAffineService(Rendered render) {
        Map<String, Object> deployment = render.one("Deployment");
        Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));

        assertEquals(2, at(deployment, "spec", "replicas"));
        assertEquals("RollingUpdate", at(deployment, "spec", "strategy", "type"));
        assertEquals(0, at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable"));
        assertEquals(1, at(deployment, "spec", "strategy", "rollingUpdate", "maxSurge"));
        assertTrue(podLabels.entrySet().containsAll(
                map(at(deployment, "spec", "selector", "matchLabels")).entrySet()));

        Map<String, Object> budget = render.one("PodDisruptionBudget");
        assertEquals("policy/v1", budget.get("apiVersion"));
        assertEquals(1, at(budget, "spec", "minAvailable"));
        assertTrue(podLabels.entrySet().containsAll(map(at(budget, "spec", "selector", "matchLabels")).entrySet()));

        Map<String, Object> service = render.one("Service");
        assertEquals("ClientIP", at(service, "spec", "sessionAffinity"));
        assertTrue(podLabels.entrySet().containsAll(map(at(service, "spec", "selector")).entrySet()));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theFileSourceMountsTheConfigMapAsADirectoryWhereTheConfigPathPoints(Rendered render) {
        if (!render.source().equals("file")) {
            return;
        }
        Path configPath = Path.of(render.environment().get("TOOLSET_CONFIG_PATH"));
        Map<String, Object> configMap = render.one("ConfigMap");

        List<Map<String, Object>> mounts = list(render.container().get("volumeMounts")).stream()
                .map(YamlFiles::map).toList();
        mounts.forEach(mount -> assertFalse(mount.containsKey("subPath"),
                "kubelet never updates a subPath mount: " + mount));
        Map<String, Object> mount = mounts.stream()
                .filter(m -> Path.of((String) m.get("mountPath")).equals(configPath.getParent())).findFirst()
                .orElseThrow(() -> new AssertionError("no mount at " + configPath.getParent()));
        Map<String, Object> volume = list(render.podSpec().get("volumes")).stream()
                .map(YamlFiles::map).filter(v -> v.get("name").equals(mount.get("name"))).findFirst()
                .orElseThrow();
        assertEquals(nameOf(configMap), at(volume, "configMap", "name"));
        assertTrue(map(at(configMap, "data")).containsKey(configPath.getFileName().toString()),
                "the ConfigMap has the key the service reads");
    }

    @Test
    void theApiSourceOverlayReadsTheConfigMapOfItsOwnNamespaceThroughTheApiAndMountsNothing() {
        Rendered render = rendered.get("overlays-api-source");
        Map<String, String> environment = render.environment();
        Map<String, Object> configMap = render.one("ConfigMap");

        assertEquals("kubernetes", render.source());
        assertEquals("fieldRef:metadata.namespace", environment.get("TOOLSET_CONFIGMAP_NAMESPACE"));
        assertEquals(nameOf(configMap), environment.get("TOOLSET_CONFIGMAP_NAME"));
        assertTrue(map(configMap.get("data")).containsKey(environment.get("TOOLSET_CONFIGMAP_KEY")),
                "the ConfigMap has the key " + environment.get("TOOLSET_CONFIGMAP_KEY"));
        assertFalse(environment.containsKey("TOOLSET_CONFIG_PATH"), "no file path to mislead: " + environment);
        assertTrue(list(render.podSpec().get("volumes")).stream().map(YamlFiles::map)
                .noneMatch(volume -> volume.containsKey("configMap")), "nothing mounted from the ConfigMap");
        assertEquals("file", rendered.get("base").source(), "the base keeps the file source");
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theAccountMayReadItsOneConfigMapAndWhatTheKubernetesStartupProbeAsksFor(Rendered render) {
        String account = (String) render.podSpec().get("serviceAccountName");
        Map<String, Object> serviceAccount = render.one("ServiceAccount");
        assertEquals(account, nameOf(serviceAccount));
        assertFalse(Boolean.FALSE.equals(render.podSpec().get("automountServiceAccountToken")),
                "the API source and the kubernetes/* startup probe use the service-account token");

        // DESIGN §10: get, list and watch on that one ConfigMap, nothing more, in the service's namespace.
        Map<String, Object> role = render.one("Role");
        assertEquals(List.of(Map.of("apiGroups", List.of(""), "resources", List.of("configmaps"),
                        "resourceNames", List.of(nameOf(render.one("ConfigMap"))),
                        "verbs", List.of("get", "list", "watch"))), role.get("rules"));
        Map<String, Object> roleBinding = render.one("RoleBinding");
        assertEquals(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", nameOf(role)),
                roleBinding.get("roleRef"));
        assertBindsTheAccount(roleBinding, account, namespaceOf(serviceAccount));

        Map<String, Object> clusterBinding = render.one("ClusterRoleBinding");
        Map<String, Object> clusterRole = render.one("ClusterRole");
        assertEquals(nameOf(clusterRole), at(clusterBinding, "roleRef", "name"));
        assertBindsTheAccount(clusterBinding, account, namespaceOf(serviceAccount));
        Set<String> granted = new TreeSet<>();
        for (Object rule : list(at(clusterRole, "rules"))) {
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

    /** A ServiceAccount subject of a binding names its namespace or, in a RoleBinding, leaves it to the binding's. */
    private static void assertBindsTheAccount(Map<String, Object> binding, String account, String namespace) {
        assertTrue(list(binding.get("subjects")).stream().map(YamlFiles::map)
                .anyMatch(s -> "ServiceAccount".equals(s.get("kind")) && account.equals(s.get("name"))
                        && namespace.equals(Objects.requireNonNullElse(s.get("namespace"), namespaceOf(binding)))),
                () -> binding.get("kind") + " binds " + account + " in " + namespace + ": " + binding);
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theConfigMapIsValidAndStartsOnABareCluster(Rendered render) {
        String toolsets = (String) at(render.one("ConfigMap"), "data", "toolsets.yaml");

        DecodeResult decoded = new YamlConfigDecoder(1_048_576).decode(toolsets.getBytes(StandardCharsets.UTF_8));
        assertTrue(decoded instanceof DecodeResult.Decoded, decoded::toString);
        assertEquals(List.of(), decoded.problems().stream().filter(ValidationProblem::isError).toList());

        // With the startup probes on, an enabled toolset whose endpoint is absent stops startup: only the
        // kubernetes/* toolsets, which need the API server and the ClusterRole, are on out of the box.
        assertEquals("true", render.environment().get("TOOLSET_STARTUP_PROBES"));
        List<String> enabled = list(map(yaml().load(toolsets)).get("discovered")).stream().map(YamlFiles::map)
                .filter(toolset -> Boolean.TRUE.equals(toolset.get("enabled")))
                .map(toolset -> (String) toolset.get("name")).toList();
        assertFalse(enabled.isEmpty());
        assertTrue(enabled.stream().allMatch(name -> name.startsWith("kubernetes/")), enabled::toString);
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theServiceRunsAsNonRootOnAReadOnlyRootFilesystemWithCleanJsonLogsAndResources(Rendered render) {
        Map<String, Object> podSecurity = map(render.podSpec().get("securityContext"));
        Map<String, Object> security = map(render.container().get("securityContext"));

        assertEquals(true, podSecurity.get("runAsNonRoot"));
        assertTrue(((Number) podSecurity.get("runAsUser")).intValue() > 0);
        assertEquals(true, security.get("readOnlyRootFilesystem"));
        assertEquals(false, security.get("allowPrivilegeEscalation"));
        assertEquals("json", render.environment().get("TOOLSET_LOG_FORMAT"));
        // The image's ENTRYPOINT sets the JVM's flags; any of these would repeat them, and the JVM's
        // "Picked up ..." line on stderr is not JSON.
        Set<String> jvmOptions = new TreeSet<>(render.environment().keySet());
        jvmOptions.retainAll(JVM_OPTION_VARIABLES);
        assertEquals(Set.of(), jvmOptions);
        assertNotNull(at(render.container(), "resources", "requests", "memory"));
        assertNotNull(at(render.container(), "resources", "limits", "memory"));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theDeploymentPinsDevModeOffAndAnAlertFiresWhenItIsOn(Rendered render) {
        assertEquals("false", render.environment().get("HOLMESGPT_DEV_MODE"),
                "a cluster must never inherit dev mode: it skips startup validation and the probes");
        List<String> devModeAlerts = new ArrayList<>();
        for (Map<String, Object> alert : alerts()) {
            if (String.valueOf(alert.get("expr")).contains("holmesgpt_dev_mode_enabled")) {
                devModeAlerts.add(alert.get("alert") + " for " + alert.get("for"));
            }
        }
        assertEquals(List.of("ToolsetConfigDevModeEnabled for 5m"), devModeAlerts);
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theProbesHitRoutesOfTheApiOnThePortTheServiceListensOn(Rendered render) throws IOException {
        Set<String> apiPaths;
        try (InputStream openApi = org.toolsetconfig.adapters.http.HttpApiServer.class
                .getResourceAsStream("openapi.yaml")) {
            assertNotNull(openApi, "the HTTP adapter ships openapi.yaml");
            apiPaths = map(yaml().load(openApi)).get("paths") instanceof Map<?, ?> paths
                    ? paths.keySet().stream().map(String::valueOf).collect(Collectors.toSet()) : Set.of();
        }
        Map<String, Object> container = render.container();
        int listening = Integer.parseInt(render.environment().getOrDefault("TOOLSET_HTTP_PORT", "8080"));
        Map<String, Integer> ports = list(container.get("ports")).stream().map(YamlFiles::map)
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> (Integer) p.get("containerPort")));

        assertEquals(Map.of("http", listening), ports);
        assertEquals("/healthz", at(container, "livenessProbe", "httpGet", "path"));
        assertEquals("/readyz", at(container, "readinessProbe", "httpGet", "path"));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            if (container.containsKey(probe)) {
                Map<String, Object> httpGet = map(at(container, probe, "httpGet"));
                assertTrue(apiPaths.contains((String) httpGet.get("path")), probe + " path is not served: " + httpGet);
                Object port = httpGet.get("port");
                assertTrue(ports.containsKey(String.valueOf(port)) || Objects.equals(port, listening),
                        probe + " port " + port + " is not the service's");
            }
        }
        Map<String, Object> servicePort = map(list(at(render.one("Service"), "spec", "ports")).get(0));
        assertTrue(ports.containsKey(String.valueOf(servicePort.get("targetPort")))
                || Objects.equals(servicePort.get("targetPort"), listening));
    }

    @Test
    void thePrometheusOperatorOverlayScrapesTheServiceAndCarriesTheRuleFile() throws IOException {
        Rendered monitoring = rendered.get("overlays-prometheus-operator");
        assertEquals(Set.of("ServiceMonitor", "PrometheusRule"),
                monitoring.objects().stream().map(o -> (String) o.get("kind")).collect(Collectors.toSet()),
                "only the operator's resources: the deployment comes from the base or another overlay");
        Map<String, Object> service = rendered.get("base").one("Service");
        Map<String, Object> monitor = monitoring.one("ServiceMonitor");

        assertEquals(namespaceOf(service), namespaceOf(monitor), "a ServiceMonitor selects in its own namespace");
        assertTrue(map(at(service, "metadata", "labels")).entrySet()
                .containsAll(map(at(monitor, "spec", "selector", "matchLabels")).entrySet()));
        Set<String> servicePorts = list(at(service, "spec", "ports")).stream().map(p -> (String) map(p).get("name"))
                .collect(Collectors.toSet());
        for (Object endpoint : list(at(monitor, "spec", "endpoints"))) {
            assertTrue(servicePorts.contains((String) map(endpoint).get("port")), endpoint::toString);
            assertEquals("/metrics", map(endpoint).get("path"));
        }
        // The job label the alerts match (up{job=...}) is the Service's name under a ServiceMonitor.
        assertEquals(APP, nameOf(service));
        assertEquals(map(yaml().load(Files.readString(RULE_FILE))).get("groups"),
                at(monitoring.one("PrometheusRule"), "spec", "groups"));
    }

    @Test
    void theAlertsCoverTheOperatorsQuestionsAndNameOnlyExportedMetrics(@TempDir Path directory) throws IOException {
        List<String> expressions = alerts().stream().map(alert -> String.valueOf(alert.get("expr"))).toList();
        assertTrue(expressions.stream().anyMatch(e -> e.contains("holmesgpt_auto_reload_triggered_total")
                && !e.contains("config_unchanged")), "an alert on any auto-reload: " + expressions);
        assertTrue(expressions.stream().anyMatch(e -> e.contains("result=\"config_unchanged\"")),
                "an alert on repeated config_unchanged: " + expressions);
        assertTrue(expressions.stream().anyMatch(e -> e.contains("holmesgpt_config_last_reload_successful")),
                "an alert on the last reload failing: " + expressions);
        // DESIGN §10: replicas that disagree on the applied checksum for more than 2 minutes.
        assertTrue(alerts().stream().anyMatch(alert -> "2m".equals(alert.get("for"))
                && String.valueOf(alert.get("expr")).matches("(?s).*count by \\([^)]*\\bchecksum\\b[^)]*\\) "
                        + "\\(holmesgpt_config_info\\).*")), "an alert on replicas that disagree: " + expressions);

        Set<String> exported = exportedSampleNames(directory);
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                assertTrue(exported.contains(metric.group()), metric.group() + " is not exported; the service exports "
                        + exported.stream().filter(n -> n.startsWith("holmesgpt_")).toList());
            }
        }
    }

    /** The alerts of the rendered PrometheusRule. */
    private static List<Map<String, Object>> alerts() {
        return list(at(rendered.get("overlays-prometheus-operator").one("PrometheusRule"), "spec", "groups")).stream()
                .flatMap(group -> list(map(group).get("rules")).stream()).map(YamlFiles::map)
                .filter(rule -> rule.containsKey("alert")).toList();
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
    void theBuildStageResolvesDependenciesFromThePomsAloneBeforeItCopiesTheSources() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String build = dockerfile.substring(0, dockerfile.lastIndexOf("\nFROM "));
        List<String> instructions = build.replace("\\\n", " ").lines().map(String::strip)
                .filter(line -> line.matches("(COPY|RUN) .*")).toList();
        // The first instruction that copies more than POMs starts the sources' layers; each one before it
        // only changes with a POM, so a source change reuses the downloaded dependencies.
        int sources = 0;
        while (sources < instructions.size() && !(instructions.get(sources).startsWith("COPY ")
                && !instructions.get(sources).matches("COPY (\\S*pom\\.xml )+\\S+/?"))) {
            sources++;
        }
        List<String> dependencyLayer = instructions.subList(0, sources);
        assertTrue(sources < instructions.size(), "the sources are copied: " + instructions);
        assertTrue(dependencyLayer.stream().anyMatch(line -> line.startsWith("RUN mvn ")),
                "a Maven run on the POMs alone: " + dependencyLayer);

        Set<String> copied = new TreeSet<>();
        for (String line : dependencyLayer) {
            if (line.startsWith("COPY ")) {
                List<String> words = List.of(line.split("\\s+"));
                copied.addAll(words.subList(1, words.size() - 1));
            }
        }
        Set<String> reactorPoms;
        try (Stream<Path> walk = Files.walk(ROOT, 3)) {
            reactorPoms = walk.filter(f -> f.getFileName().toString().equals("pom.xml"))
                    .filter(f -> !ROOT.relativize(f).toString().contains("target"))
                    .map(f -> ROOT.relativize(f).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(reactorPoms.size() >= 10, reactorPoms::toString);
        assertEquals(reactorPoms, copied, "every POM of the reactor goes into the dependency layer");
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
