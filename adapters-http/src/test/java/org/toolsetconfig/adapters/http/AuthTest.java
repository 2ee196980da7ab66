package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With a token configured, every request under /api/v1 needs it, reads too; the platform endpoints stay open. */
class AuthTest {

    private static final String TOKEN = "s3cret-token";

    private final ApiFixture api = ApiFixture.builder().token(TOKEN).start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void writesWithoutTheTokenAre401AndChangeNothing() {
        api.source.write("kubernetes/core\n");
        int readsBefore = api.source.reads();
        List<HttpRequest.Builder> writes = List.of(
                api.request("/api/v1/toolsets/kubernetes/core/failures").POST(HttpRequest.BodyPublishers.noBody()),
                api.request("/api/v1/toolsets/kubernetes/core/successes").POST(HttpRequest.BodyPublishers.noBody()),
                api.request("/api/v1/reload").POST(HttpRequest.BodyPublishers.noBody()),
                api.request("/api/v1/validate").POST(HttpRequest.BodyPublishers.ofString("a\n")),
                api.request("/api/v1/sessions/inv-1").PUT(HttpRequest.BodyPublishers.noBody()),
                api.request("/api/v1/sessions/inv-1").DELETE());

        for (HttpRequest.Builder write : writes) {
            ApiFixture.Response missing = api.send(write.copy());
            missing.problem(401, "unauthorized");
            assertTrue(missing.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            api.send(write.copy().header("Authorization", "Bearer wrong-token")).problem(401, "unauthorized");
            api.send(write.copy().header("Authorization", "Bearer " + TOKEN + "x")).problem(401, "unauthorized");
            api.send(write.copy().header("Authorization", "Basic " + TOKEN)).problem(401, "unauthorized");
        }

        assertEquals(0, read("/api/v1/failures").get("failures").size());
        assertEquals(0, read("/api/v1/sessions").get("sessions").size());
        assertEquals(1, read("/api/v1/toolsets").get("generation").asInt());
        assertEquals(readsBefore, api.source.reads());
    }

    @Test
    void writesWithTheTokenWork() {
        String bearer = "Bearer " + TOKEN;
        api.send(api.request("/api/v1/toolsets/kubernetes/core/failures").header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.noBody())).json(200);
        api.send(api.request("/api/v1/sessions/inv-1").header("Authorization", "bearer  " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.noBody())).json(201);
        assertEquals(204, api.send(api.request("/api/v1/sessions/inv-1").header("Authorization", bearer).DELETE())
                .status());
        assertEquals(1, read("/api/v1/failures").get("failures").size());
    }

    private JsonNode read(String path) {
        return api.authorizedGet(path).json(200);
    }

    @Test
    void readsWithoutTheTokenAre401AndWithItWork() {
        for (String path : List.of("/api/v1/toolsets", "/api/v1/toolsets/kubernetes/core", "/api/v1/failures",
                "/api/v1/sessions", "/api/v1/status")) {
            api.get(path).problem(401, "unauthorized");
            api.send(api.request(path).header("Authorization", "Bearer wrong-token").GET()).problem(401, "unauthorized");
            api.send(api.request(path).header("Authorization", "Bearer " + TOKEN).GET()).json(200);
        }
    }

    @Test
    void healthReadinessMetricsAndTheDocumentStayOpen() {
        for (String path : List.of("/healthz", "/readyz")) {
            api.get(path).json(200);
        }
        assertEquals(200, api.get("/metrics").status());
        assertEquals(200, api.get("/openapi.yaml").status());
    }
}
