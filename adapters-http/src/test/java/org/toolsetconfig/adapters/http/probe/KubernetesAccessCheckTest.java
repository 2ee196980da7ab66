package org.toolsetconfig.adapters.http.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ProbeResult.FailureReason;
import org.toolsetconfig.domain.Toolset;

/**
 * A loopback HTTPS server that answers {@code /version} and SelfSubjectAccessReviews as the API
 * server does, with a CA and token mounted as Kubernetes mounts a service account.
 */
class KubernetesAccessCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String TOKEN = "sa-token-abc";
    private static final Pattern ATTRIBUTE = Pattern.compile("\"(verb|resource|subresource)\"\\s*:\\s*\"([^\"]*)\"");

    @TempDir
    static Path directory;
    private static Path serviceAccount;
    private static SSLContext serverTls;

    /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool: the API server's, and its CA. */
    @BeforeAll
    static void mountAServiceAccount() throws Exception {
        Path keystore = directory.resolve("apiserver.p12");
        serviceAccount = Files.createDirectory(directory.resolve("serviceaccount"));
        keytool("-genkeypair", "-alias", "apiserver", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=kubernetes", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "apiserver", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", serviceAccount.resolve("ca.crt").toString());
        Files.writeString(serviceAccount.resolve("token"), TOKEN + "\n");
        Files.writeString(serviceAccount.resolve("namespace"), "holmes");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("keytool.log").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), () -> "keytool " + arguments[0] + ": " + read(directory.resolve("keytool.log")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The API server: the token must be the service account's; {@code granted} are "verb resource[/sub]". */
    private static RecordingServer apiServer(Set<String> granted) throws IOException {
        return RecordingServer.https(serverTls, request -> {
            if (!("Bearer " + TOKEN).equals(request.header("Authorization"))) {
                return new RecordingServer.Answer(401, "{\"kind\":\"Status\",\"code\":401}");
            }
            if (request.method().equals("GET") && request.uri().equals("/version")) {
                return new RecordingServer.Answer(200, "{\"major\":\"1\",\"minor\":\"29\"}");
            }
            if (request.method().equals("POST") && request.uri().equals(KubernetesAccessCheck.REVIEWS)) {
                Map<String, String> attributes = new java.util.HashMap<>();
                Matcher attribute = ATTRIBUTE.matcher(request.body());
                while (attribute.find()) {
                    attributes.put(attribute.group(1), attribute.group(2));
                }
                String asked = attributes.get("verb") + " " + attributes.get("resource")
                        + (attributes.containsKey("subresource") ? "/" + attributes.get("subresource") : "");
                boolean allowed = granted.contains(asked);
                return new RecordingServer.Answer(201, "{\"kind\":\"SelfSubjectAccessReview\","
                        + "\"apiVersion\":\"authorization.k8s.io/v1\",\"metadata\":{},\"spec\":{},"
                        + "\"status\":{\"allowed\":" + allowed + (allowed ? ",\"reason\":\"RBAC: allowed by "
                        + "ClusterRoleBinding\"" : "") + "}}");
            }
            return new RecordingServer.Answer(404, "{}");
        });
    }

    private static ProbeResult probe(RecordingServer apiServer) {
        Map<String, String> environment = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                "KUBERNETES_SERVICE_PORT", String.valueOf(apiServer.port()));
        return new HttpToolsetProbe(environment::get, serviceAccount).probe(Toolset.named("kubernetes/core"), TIMEOUT);
    }

    @Test
    void aServiceAccountWithEveryPermissionPasses() throws IOException {
        try (RecordingServer api = apiServer(Set.of("list pods", "get pods/log", "list events"))) {
            ProbeResult.Reachable up = assertInstanceOf(ProbeResult.Reachable.class, probe(api));

            assertEquals("https://127.0.0.1:" + api.port() + " (list pods, get pods/log, list events allowed)",
                    up.target());
            assertEquals(List.of("GET /version", "POST " + KubernetesAccessCheck.REVIEWS,
                    "POST " + KubernetesAccessCheck.REVIEWS, "POST " + KubernetesAccessCheck.REVIEWS),
                    api.requests.stream().map(r -> r.method() + " " + r.uri()).toList());
            assertTrue(api.requests.get(2).body().contains("\"verb\":\"get\",\"resource\":\"pods\","
                    + "\"subresource\":\"log\""), api.requests.get(2).body());
            assertEquals("application/json", api.requests.get(1).header("Content-Type"));
        }
    }

    @Test
    void aMissingPermissionIsNamedWithWhatToGrant() throws IOException {
        try (RecordingServer api = apiServer(Set.of("list pods", "list events"))) {
            ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class, probe(api));

            assertEquals(FailureReason.RBAC_DENIED, down.reason());
            assertTrue(down.detail().startsWith("rbac_denied: get pods/log: POST https://127.0.0.1:" + api.port()
                    + KubernetesAccessCheck.REVIEWS), down.detail());
            assertTrue(down.hint().contains("namespace holmes") && down.hint().contains("'get' on 'pods/log'")
                    && down.hint().contains("ClusterRole"), down.hint());
        }
    }

    @Test
    void aServiceAccountWithoutAnyRightFailsOnTheFirstNeed() throws IOException {
        try (RecordingServer api = apiServer(Set.of())) {
            ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class, probe(api));
            assertTrue(down.detail().startsWith("rbac_denied: list pods: "), down.detail());
        }
    }

    @Test
    void anApiServerRefusingTheTokenIsItsHttpStatus() throws IOException {
        try (RecordingServer api = apiServer(Set.of("list pods", "get pods/log", "list events"))) {
            Files.writeString(serviceAccount.resolve("token"), "stale-token");
            try {
                ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class, probe(api));
                assertEquals("http_401: GET https://127.0.0.1:" + api.port() + "/version answered HTTP 401",
                        down.detail());
            } finally {
                Files.writeString(serviceAccount.resolve("token"), TOKEN + "\n");
            }
        }
    }
}
