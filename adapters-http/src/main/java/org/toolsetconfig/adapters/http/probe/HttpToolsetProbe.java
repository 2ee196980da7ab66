package org.toolsetconfig.adapters.http.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ProbeResult.FailureReason;
import org.toolsetconfig.application.port.out.ToolsetProbe;
import org.toolsetconfig.domain.Redaction;
import org.toolsetconfig.domain.Toolset;

/**
 * Probes a toolset over HTTP by its kind (BR-HAPI-186/187): Prometheus must answer an instant
 * query with {@code "status":"success"}, Grafana its health API with 200, any other toolset with
 * an endpoint below 500; Kubernetes toolsets check the API server's {@code /version} with the
 * pod's service account when running in a cluster and are skipped outside one.
 */
public final class HttpToolsetProbe implements ToolsetProbe {

    /** Where Kubernetes mounts the pod's service-account token and CA. */
    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private static final Pattern PROMETHEUS_SUCCESS = Pattern.compile("\"status\"\\s*:\\s*\"success\"");
    private static final int MAX_BODY = 64 * 1024;

    private final Function<String, String> environment;
    private final Path serviceAccountDir;

    /** A probe reading the real environment and service-account mount. */
    public HttpToolsetProbe() {
        this(System::getenv, SERVICE_ACCOUNT_DIR);
    }

    /** A probe with an explicit environment lookup and service-account folder (for tests). */
    public HttpToolsetProbe(Function<String, String> environment, Path serviceAccountDir) {
        this.environment = environment;
        this.serviceAccountDir = serviceAccountDir;
    }

    @Override
    public ProbeResult probe(Toolset toolset, Duration timeout) {
        String kind = toolset.name().value().toLowerCase(Locale.ROOT);
        if (kind.startsWith("kubernetes")) {
            return probeKubernetes(timeout);
        }
        Optional<URI> endpoint = toolset.endpoint();
        if (endpoint.isEmpty()) {
            return new ProbeResult.Skipped("no endpoint to probe");
        }
        String base = stripTrailingSlash(endpoint.get().toString());
        // The request needs the real URL; every text about it shows the redacted one (§11).
        String shownBase = Redaction.url(base);
        HttpClient client = client(timeout, Optional.empty());
        if (kind.startsWith("prometheus")) {
            return get(client, URI.create(base + "/api/v1/query?query=up"), Optional.empty(), timeout,
                    "that Prometheus runs at " + shownBase + " and answers its query API",
                    (status, body) -> status != 200 ? "answered HTTP " + status
                            : PROMETHEUS_SUCCESS.matcher(body).find() ? null
                            : "answered 200 without \"status\":\"success\" (is this a Prometheus?)");
        }
        if (kind.startsWith("grafana")) {
            return get(client, URI.create(base + "/api/health"), Optional.empty(), timeout,
                    "that Grafana runs at " + shownBase + " (the endpoint is its base URL)",
                    (status, body) -> status == 200 ? null : "answered HTTP " + status);
        }
        return get(client, URI.create(base), Optional.empty(), timeout,
                "that the service behind " + shownBase + " is running",
                (status, body) -> status < 500 ? null : "answered HTTP " + status);
    }

    private ProbeResult probeKubernetes(Duration timeout) {
        String host = environment.apply("KUBERNETES_SERVICE_HOST");
        if (host == null || host.isBlank()) {
            return new ProbeResult.Skipped("not running in a cluster (KUBERNETES_SERVICE_HOST is unset)");
        }
        String port = Optional.ofNullable(environment.apply("KUBERNETES_SERVICE_PORT")).orElse("443");
        URI version = URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + "/version");
        String hint = "the pod's service account token and CA under " + serviceAccountDir
                + " and that the API server is reachable";
        String token;
        SSLContext tls;
        try {
            token = Files.readString(serviceAccountDir.resolve("token"), StandardCharsets.UTF_8).strip();
            tls = trusting(serviceAccountDir.resolve("ca.crt"));
        } catch (IOException | GeneralSecurityException e) {
            return new ProbeResult.Unreachable(FailureReason.TLS, "cannot use the service account for " + version
                    + ": " + e.getMessage(), hint, Duration.ZERO);
        }
        return get(client(timeout, Optional.of(tls)), version, Optional.of(token), timeout, hint,
                (status, body) -> status == 200 ? null : "answered HTTP " + status);
    }

    /** Decides from the status and body whether the answer is good: {@code null} when it is, else why not. */
    @FunctionalInterface
    private interface Verdict {
        String problem(int status, String body);
    }

    private static ProbeResult get(HttpClient client, URI uri, Optional<String> bearer, Duration timeout,
                                   String hint, Verdict verdict) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        long start = System.nanoTime();
        String shown = Redaction.url(uri.toString());
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            Duration took = since(start);
            String problem = verdict.problem(response.statusCode(), body);
            if (problem == null) {
                return new ProbeResult.Reachable(shown, took);
            }
            FailureReason reason = response.statusCode() == 200 ? FailureReason.UNEXPECTED_RESPONSE
                    : FailureReason.HTTP_STATUS;
            return new ProbeResult.Unreachable(reason, "GET " + shown + " " + problem, hint, took);
        } catch (HttpTimeoutException e) {
            return new ProbeResult.Unreachable(FailureReason.TIMEOUT, "GET " + shown + " got no answer within "
                    + timeout.toSeconds() + " s (timeout)", hint, since(start));
        } catch (ConnectException e) {
            return new ProbeResult.Unreachable(FailureReason.CONNECTION_REFUSED, "GET " + shown
                    + " failed: connection refused", hint, since(start));
        } catch (SSLException e) {
            return new ProbeResult.Unreachable(FailureReason.TLS, "GET " + shown + " failed in the TLS handshake: "
                    + Redaction.text(String.valueOf(e.getMessage())), hint + "; and the server's certificate", since(start));
        } catch (UnknownHostException e) {
            return new ProbeResult.Unreachable(FailureReason.UNKNOWN_HOST, "GET " + shown + " failed: unknown host "
                    + uri.getHost(), hint + "; and that the host name resolves", since(start));
        } catch (IOException e) {
            return new ProbeResult.Unreachable(FailureReason.IO, "GET " + shown + " failed: " + Redaction.text(e.toString()), hint, since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult.Unreachable(FailureReason.TIMEOUT, "GET " + shown + " was interrupted", hint,
                    since(start));
        }
    }

    private static HttpClient client(Duration timeout, Optional<SSLContext> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL);
        tls.ifPresent(builder::sslContext);
        return builder.build();
    }

    private static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
