package org.toolsetconfig.bootstrap.e2e;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's Kubernetes mock server in CRUD mode (a real HTTP server that speaks the API, watches
 * included; expectations set on {@link #server} answer first) holding the service's ConfigMap
 * {@code toolsets/toolset-config}, and an admin client that plays the operator. Always closed.
 */
public final class MockApiServer implements AutoCloseable {

    /** The ConfigMap's namespace, name and key, as the service's settings name them. */
    public static final String NAMESPACE = "toolsets";
    public static final String NAME = "toolset-config";
    public static final String KEY = "toolsets.yaml";

    // The mock server logs every request through java.util.logging at INFO; a green build stays quiet.
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    /** The server, for expectations. */
    public final KubernetesMockServer server;
    /** A client of the server with no setting changed: the operator, and the service's client configuration. */
    public final KubernetesClient admin;

    public MockApiServer() {
        // One map for both: expectations set on the server answer before the CRUD dispatcher.
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        admin = server.createClient();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** A valid document whose bytes differ for each {@code version}. */
    public static String config(int version) {
        return "discovered:\n  - name: kubernetes/core\n    enabled: true\n    version: " + version + "\n";
    }

    /** Creates or replaces the ConfigMap with {@code content} under its key. */
    public void put(String content) {
        admin.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                .withNamespace(NAMESPACE).withName(NAME).endMetadata().addToData(KEY, content).build())
                .createOr(existing -> existing.update());
    }

    @Override
    public void close() {
        admin.close();
        server.destroy();
    }
}
