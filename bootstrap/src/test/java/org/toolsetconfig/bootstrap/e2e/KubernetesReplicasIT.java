package org.toolsetconfig.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toolsetconfig.bootstrap.e2e.MockApiServer.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * DESIGN §10 end to end: built jars with {@code TOOLSET_SOURCE=kubernetes}, finding fabric8's mock
 * API server (CRUD mode) through a generated kubeconfig ({@code KUBECONFIG}), the namespace taken
 * from its context. Two replicas side by side converge on the same generation and checksum after
 * each update; an API server that cannot be reached stops startup.
 */
class KubernetesReplicasIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Pattern CONFIG_INFO = Pattern.compile(
            "holmesgpt_config_info\\{checksum=\"([0-9a-f]{64})\",generation=\"(\\d+)\"} 1");
    private final MockApiServer api = new MockApiServer();

    @TempDir
    Path temp;

    @BeforeAll
    static void quietClientLogs() {
        // Without a configuration logback prints the mock server's and the client's DEBUG lines.
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kubeconfig whose current context points at {@code server} in namespace {@code toolsets}. */
    private Path kubeconfig(String server) throws IOException {
        return Files.writeString(temp.resolve("kubeconfig-" + Math.abs(server.hashCode())), """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster:
                      server: %s
                users:
                  - name: service
                    user:
                      token: not-checked-by-the-mock
                contexts:
                  - name: mock
                    context:
                      cluster: mock
                      user: service
                      namespace: toolsets
                current-context: mock
                """.formatted(server));
    }

    private static Map<String, String> environment(Path kubeconfig) {
        return Map.of("KUBECONFIG", kubeconfig.toString(), "TOOLSET_SOURCE", "kubernetes",
                "TOOLSET_HTTP_HOST", "127.0.0.1", "TOOLSET_HTTP_PORT", "0");
    }

    /** The checksum and generation {@code holmesgpt_config_info} shows, as {@code checksum/generation}. */
    private static String applied(ServiceProcess replica) {
        Matcher info = CONFIG_INFO.matcher(replica.get("/metrics").body());
        return info.find() ? info.group(1) + "/" + info.group(2) : "none";
    }

    @Test
    void twoReplicasConvergeOnTheSameGenerationAndChecksumAfterEachUpdate() throws IOException {
        api.put(config(1));
        Map<String, String> environment = environment(kubeconfig(api.admin.getConfiguration().getMasterUrl()));

        try (ServiceProcess first = ServiceProcess.start(temp.resolve("first"), environment);
             ServiceProcess second = ServiceProcess.start(temp.resolve("second"), environment)) {
            first.awaitReady(BOUND);
            second.awaitReady(BOUND);
            for (ServiceProcess replica : List.of(first, second)) {
                assertTrue(replica.stdout().contains("source=kubernetes"), replica::stdout);
                assertTrue(replica.stdout().contains("path=\"ConfigMap toolsets/toolset-config, key toolsets.yaml\""),
                        replica::stdout);
                ServiceProcess.await(BOUND, () -> replica.get("/metrics").body()
                        .contains("\nholmesgpt_config_source_connected 1.0\n"), "the watch established");
            }
            assertEquals(sha256(config(1)) + "/1", applied(first));
            assertEquals(applied(first), applied(second));

            for (int version = 2; version <= 4; version++) {
                api.put(config(version));
                String expected = sha256(config(version)) + "/" + version;
                ServiceProcess.await(BOUND, () -> applied(first).equals(expected) && applied(second).equals(expected),
                        "both replicas at " + expected + "; first " + applied(first) + ", second "
                                + applied(second));
            }
        }
    }

    @Test
    void anUnreachableApiServerStopsStartupNamingTheConfigMap() throws IOException {
        // Port 1 on the loopback: nothing listens, the connection is refused at once.
        Map<String, String> environment = environment(kubeconfig("http://127.0.0.1:1"));

        ServiceProcess.Finished run = ServiceProcess.run(temp.resolve("refused"), environment, BOUND);

        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stderr().startsWith("Toolset config invalid: ConfigMap toolsets/toolset-config, key "
                + "toolsets.yaml: ConfigMap toolsets/toolset-config cannot be read: "), run.stderr());
        assertTrue(run.stderr().contains("check that the API server is reachable"), run.stderr());
        assertFalse(run.stdout().contains("toolset_config_service_started"), "nothing starts half-way");
    }
}
