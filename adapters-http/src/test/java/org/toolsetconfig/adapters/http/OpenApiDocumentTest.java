package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Keeps openapi.yaml true: every documented route is served, and every served route is documented. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void theDocumentAndTheRouterListTheSameRoutes() {
        try (ApiFixture api = ApiFixture.builder().token("t").start()) {
            Set<String> documented = new TreeSet<>();
            operations(api).forEach(op -> documented.add(op.method().toUpperCase() + " " + op.path()));

            assertEquals(documented, new TreeSet<>(api.server.routes()));
        }
    }

    @Test
    void everyDocumentedOperationAnswersWithADocumentedStatus() throws Exception {
        try (ApiFixture api = ApiFixture.started()) {
            List<Operation> operations = operations(api);
            assertEquals(21, operations.size(), "the routes of DESIGN.md §5");
            for (Operation op : operations) {
                String path = op.path().replace("{name}", "kubernetes/core").replace("{id}", "inv-1")
                        .replace("{generation}", "1");
                HttpRequest.Builder request = api.request(path);
                HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
                if (op.requestTypes().contains("application/json")) {
                    request.header("Content-Type", "application/json");
                    body = HttpRequest.BodyPublishers.ofString("{}");
                } else if (!op.requestTypes().isEmpty()) {
                    request.header("Content-Type", op.requestTypes().get(0));
                    body = HttpRequest.BodyPublishers.ofString("kubernetes/core\n");
                }
                if (op.path().equals("/api/v1/events")) {
                    // A stream that never ends: its status is all there is to check here.
                    HttpResponse<InputStream> stream = api.client.send(request.GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    stream.body().close();
                    assertTrue(op.statuses().contains(String.valueOf(stream.statusCode())), op.toString());
                    continue;
                }
                ApiFixture.Response response = api.send(request.method(op.method().toUpperCase(), body));
                assertTrue(op.statuses().contains(String.valueOf(response.status())),
                        op + " answered " + response.status() + ": " + response.body());
                if (op.statuses().contains("200") && response.status() >= 400) {
                    assertTrue(response.contentType().startsWith("application/problem+json"), op.toString());
                }
            }
        }
    }

    @Test
    void headAnswersAsGetWithoutTheBody() throws Exception {
        try (ApiFixture api = ApiFixture.started()) {
            for (String path : List.of("/api/v1/toolsets", "/api/v1/status", "/healthz", "/metrics",
                    "/openapi.yaml", "/api/v1/toolsets/unknown-one", "/api/v1/sessions/unknown-one")) {
                ApiFixture.Response get = api.get(path);
                ApiFixture.Response head = api.send(api.request(path).method("HEAD",
                        HttpRequest.BodyPublishers.noBody()));

                assertEquals(get.status(), head.status(), path);
                assertEquals(get.contentType(), head.contentType(), path);
            }
            try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
                socket.getOutputStream().write("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.endsWith("\r\n\r\n"), () -> "a body after the head: " + answer);
            }
        }
    }

    record Operation(String method, String path, List<String> statuses, List<String> requestTypes) {
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(ApiFixture api) {
        Map<String, Object> doc = new Yaml().load(api.get("/openapi.yaml").body());
        assertTrue(String.valueOf(doc.get("openapi")).startsWith("3."), "an OpenAPI 3 document");
        List<Operation> operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            List<String> statuses = new ArrayList<>();
            ((Map<Object, Object>) operation.get("responses")).keySet().forEach(k -> statuses.add(String.valueOf(k)));
            List<String> requestTypes = new ArrayList<>();
            Map<String, Object> requestBody = (Map<String, Object>) operation.get("requestBody");
            if (requestBody != null) {
                requestTypes.addAll(((Map<String, Object>) requestBody.get("content")).keySet());
            }
            operations.add(new Operation(method, path, statuses, requestTypes));
        }));
        return operations;
    }
}
