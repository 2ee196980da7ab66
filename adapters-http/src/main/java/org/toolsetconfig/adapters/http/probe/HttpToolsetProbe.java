package org.toolsetconfig.adapters.http.probe;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ProbeResult.FailureReason;
import org.toolsetconfig.application.port.out.ToolsetProbe;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetUrls;

/**
 * Probes a toolset over HTTP by its kind (DESIGN B11): each of its URLs (the endpoint and the URL
 * settings HolmesGPT configs use) with its configured {@code headers}, {@code {{ env.NAME }}}
 * expanded from the process environment for the probe only. Prometheus must answer an instant query
 * with {@code "status":"success"}, Grafana its health API with 200, any other toolset below 500;
 * {@code kubernetes*} toolsets in a cluster check the API server and the service account's rights.
 */
public final class HttpToolsetProbe implements ToolsetProbe {

    /** Where Kubernetes mounts the pod's service-account token and CA. */
    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private static final Pattern PROMETHEUS_SUCCESS = Pattern.compile("\"status\"\\s*:\\s*\"success\"");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\{\\{\\s*env\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final Function<String, String> environment;
    private final KubernetesAccessCheck kubernetes;

    /** A probe reading the real environment and service-account mount. */
    public HttpToolsetProbe() {
        this(System::getenv, SERVICE_ACCOUNT_DIR);
    }

    /**
     * A probe with an explicit environment (for {@code {{ env.NAME }}} and {@code KUBERNETES_SERVICE_HOST}/
     * {@code _PORT}) and service-account folder: what tests inject.
     */
    public HttpToolsetProbe(Function<String, String> environment, Path serviceAccountDir) {
        this.environment = environment;
        this.kubernetes = new KubernetesAccessCheck(environment, serviceAccountDir);
    }

    @Override
    public ProbeResult probe(Toolset toolset, Duration timeout) {
        String kind = toolset.name().value().toLowerCase(Locale.ROOT);
        if (kind.startsWith("kubernetes")) {
            return kubernetes.check(timeout);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<URI> urls = new ArrayList<>();
        for (Map.Entry<String, String> header : configuredHeaders(toolset).entrySet()) {
            Expansion value = expand(header.getValue());
            if (value instanceof Expansion.Missing missing) {
                return missing.failure("headers." + header.getKey());
            }
            headers.put(header.getKey(), ((Expansion.Expanded) value).text());
        }
        for (ToolsetUrls.Entry entry : ToolsetUrls.of(toolset)) {
            Expansion value = expand(entry.value());
            if (value instanceof Expansion.Missing missing) {
                return missing.failure(entry.path());
            }
            ProbeUrl.parse(((Expansion.Expanded) value).text()).ifPresent(urls::add);
        }
        if (urls.isEmpty()) {
            return new ProbeResult.Skipped("no URL to probe (no endpoint, and no url, endpoint or *_url setting)");
        }
        HttpClient client = HttpCheck.client(timeout, Optional.empty());
        List<String> reached = new ArrayList<>();
        Duration took = Duration.ZERO;
        for (URI url : urls) {
            HttpCheck.Outcome outcome = probeUrl(client, kind, url, headers, timeout);
            if (outcome instanceof HttpCheck.Outcome.Bad bad) {
                return bad.failure();
            }
            HttpCheck.Outcome.Good good = (HttpCheck.Outcome.Good) outcome;
            reached.add(good.target());
            took = took.plus(good.took());
        }
        return new ProbeResult.Reachable(String.join(", ", reached), took);
    }

    private static HttpCheck.Outcome probeUrl(HttpClient client, String kind, URI url, Map<String, String> headers,
                                              Duration timeout) {
        String base = ProbeUrl.shown(url, "", "");
        Map<String, String> sent = withBasicAuth(url, headers);
        if (kind.startsWith("prometheus")) {
            return HttpCheck.send(client, "GET", ProbeUrl.join(url, "/api/v1/query", "query=up"), Optional.empty(),
                    sent, ProbeUrl.shown(url, "/api/v1/query", "query=up"), timeout,
                    "that Prometheus runs at " + base + " and answers its query API",
                    (status, body) -> status != 200 ? HttpCheck.Problem.status(status)
                            : PROMETHEUS_SUCCESS.matcher(body).find() ? null
                            : HttpCheck.Problem.unexpected("answered 200 without \"status\":\"success\" "
                                    + "(is this a Prometheus?)"));
        }
        if (kind.startsWith("grafana")) {
            return HttpCheck.send(client, "GET", ProbeUrl.join(url, "/api/health", ""), Optional.empty(), sent,
                    ProbeUrl.shown(url, "/api/health", ""), timeout,
                    "that Grafana runs at " + base + " (the URL is its base URL)",
                    (status, body) -> status == 200 ? null : HttpCheck.Problem.status(status));
        }
        return HttpCheck.send(client, "GET", ProbeUrl.join(url, "", ""), Optional.empty(), sent, base, timeout,
                "that the service behind " + base + " is running",
                (status, body) -> status < 500 ? null : HttpCheck.Problem.status(status));
    }

    /** User-info in a URL means basic auth; a configured Authorization header wins. */
    private static Map<String, String> withBasicAuth(URI url, Map<String, String> headers) {
        String userInfo = url.getRawUserInfo();
        boolean hasAuthorization = headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase);
        if (userInfo == null || hasAuthorization) {
            return headers;
        }
        Map<String, String> sent = new LinkedHashMap<>(headers);
        String credentials = URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
        sent.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        return sent;
    }

    /** The string-valued {@code headers} of the toolset, top-level then HolmesGPT's {@code config.headers}. */
    private static Map<String, String> configuredHeaders(Toolset toolset) {
        Map<String, String> headers = new LinkedHashMap<>();
        addHeaders(toolset.settings().get("headers"), headers);
        if (toolset.settings().get("config") instanceof Map<?, ?> config) {
            addHeaders(config.get("headers"), headers);
        }
        return headers;
    }

    private static void addHeaders(Object node, Map<String, String> headers) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    headers.put(String.valueOf(name), String.valueOf(value));
                }
            });
        }
    }

    /** A setting's text with every {@code {{ env.NAME }}} replaced, or the first variable that is missing. */
    private sealed interface Expansion {
        record Expanded(String text) implements Expansion {
        }

        record Missing(String name) implements Expansion {
            ProbeResult failure(String path) {
                return HttpCheck.failure(FailureReason.MISSING_ENV_VAR, "missing_env_var: " + name,
                        path + " refers to {{ env." + name + " }}, which is not set",
                        "that the pod's environment sets " + name + " (env or envFrom in the Deployment)",
                        Duration.ZERO);
            }
        }
    }

    private Expansion expand(String text) {
        Matcher reference = ENV_REFERENCE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            String value = environment.apply(reference.group(1));
            if (value == null) {
                return new Expansion.Missing(reference.group(1));
            }
            reference.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        reference.appendTail(expanded);
        return new Expansion.Expanded(expanded.toString());
    }
}
