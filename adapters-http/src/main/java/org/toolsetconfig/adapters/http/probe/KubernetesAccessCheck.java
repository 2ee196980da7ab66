package org.toolsetconfig.adapters.http.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ProbeResult.FailureReason;

/**
 * A {@code kubernetes*} toolset in a cluster: the API server answers {@code /version}, and a
 * SelfSubjectAccessReview per permission the toolsets need says the pod's service account has it.
 * {@code /version} alone needs no permission, so it would pass a service account without rights.
 */
final class KubernetesAccessCheck {

    /** One permission a kubernetes toolset needs, cluster-wide. */
    record Access(String verb, String resource, String subresource) {
        String shown() {
            return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource);
        }

        String review() {
            return "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                    + "\"spec\":{\"resourceAttributes\":{\"verb\":\"" + verb + "\",\"resource\":\"" + resource + "\""
                    + (subresource.isEmpty() ? "" : ",\"subresource\":\"" + subresource + "\"") + "}}}";
        }
    }

    /** What HolmesGPT's kubernetes toolsets do first: list pods, read their logs, list events. */
    static final List<Access> REQUIRED = List.of(new Access("list", "pods", ""), new Access("get", "pods", "log"),
            new Access("list", "events", ""));

    static final String REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    private static final Pattern ALLOWED = Pattern.compile("\"allowed\"\\s*:\\s*true");

    private final Function<String, String> environment;
    private final Path serviceAccountDir;

    KubernetesAccessCheck(Function<String, String> environment, Path serviceAccountDir) {
        this.environment = environment;
        this.serviceAccountDir = serviceAccountDir;
    }

    ProbeResult check(Duration timeout) {
        String host = environment.apply("KUBERNETES_SERVICE_HOST");
        if (host == null || host.isBlank()) {
            return new ProbeResult.Skipped("not running in a cluster (KUBERNETES_SERVICE_HOST is unset)");
        }
        String port = Optional.ofNullable(environment.apply("KUBERNETES_SERVICE_PORT")).orElse("443");
        String server = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String hint = "the pod's service account token and CA under " + serviceAccountDir
                + " and that the API server " + server + " is reachable";
        String token;
        SSLContext tls;
        try {
            token = Files.readString(serviceAccountDir.resolve("token"), StandardCharsets.UTF_8).strip();
            tls = trusting(serviceAccountDir.resolve("ca.crt"));
        } catch (IOException | GeneralSecurityException e) {
            return HttpCheck.failure(FailureReason.IO, "io_error", "cannot use the service account for " + server
                    + ": " + e.getMessage(), hint, Duration.ZERO);
        }
        HttpClient client = HttpCheck.client(timeout, Optional.of(tls));
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        long start = System.nanoTime();
        HttpCheck.Outcome version = HttpCheck.send(client, "GET", URI.create(server + "/version"), Optional.empty(),
                bearer, server + "/version", timeout, hint,
                (status, body) -> status == 200 ? null : HttpCheck.Problem.status(status));
        if (version instanceof HttpCheck.Outcome.Bad bad) {
            return bad.failure();
        }
        for (Access access : REQUIRED) {
            HttpCheck.Outcome review = HttpCheck.send(client, "POST", URI.create(server + REVIEWS),
                    Optional.of(access.review()), bearer, server + REVIEWS, timeout, grant(access),
                    (status, body) -> status / 100 != 2 ? HttpCheck.Problem.status(status)
                            : ALLOWED.matcher(body).find() ? null
                            : new HttpCheck.Problem(FailureReason.RBAC_DENIED, "rbac_denied: " + access.shown(),
                                    "(SelfSubjectAccessReview) says the service account may not " + access.shown()
                                            + " cluster-wide"));
            if (review instanceof HttpCheck.Outcome.Bad bad) {
                return bad.failure();
            }
        }
        return new ProbeResult.Reachable(server + " (" + REQUIRED.stream().map(Access::shown)
                .reduce((a, b) -> a + ", " + b).orElseThrow() + " allowed)", HttpCheck.since(start));
    }

    private String grant(Access access) {
        String namespace = readNamespace().orElse("<its namespace>");
        return "grant the pod's service account (namespace " + namespace + ") the verb '" + access.verb()
                + "' on '" + access.shown().substring(access.verb().length() + 1) + "' in a ClusterRole bound to it, "
                + "e.g. kubectl create clusterrole toolset-reader --verb=get,list,watch --resource=pods,pods/log,events"
                + " and a ClusterRoleBinding of it to the service account";
    }

    private Optional<String> readNamespace() {
        try {
            return Optional.of(Files.readString(serviceAccountDir.resolve("namespace"), StandardCharsets.UTF_8).strip())
                    .filter(text -> !text.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
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
}
