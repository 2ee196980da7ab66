package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.ServiceSettings;

class SessionRoutesTest {

    private final ApiFixture api = ApiFixture.started();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void putIsIdempotent201Then200() {
        JsonNode created = api.put("/api/v1/sessions/inv-1").json(201);
        assertEquals(List.of("id", "startedAt", "generation"), ToolsetRoutesTest.fields(created));
        assertEquals("inv-1", created.get("id").asText());
        assertEquals("2026-01-02T00:00:00Z", created.get("startedAt").asText());
        assertEquals(1, created.get("generation").asInt());

        api.clock.advance(Duration.ofSeconds(5));
        JsonNode existing = api.put("/api/v1/sessions/inv-1").json(200);

        assertEquals(created, existing);
        assertEquals(1, api.get("/api/v1/sessions").json(200).get("sessions").size());
    }

    @Test
    void aSessionSeesItsPinnedToolsetsWhileANewConfigWaits() {
        api.put("/api/v1/sessions/inv-1").json(201);
        api.source.write("kubernetes/core\nnew/toolset\n");

        JsonNode reload = api.post("/api/v1/reload").json(200);
        assertEquals("config_changed", reload.get("result").asText());
        assertEquals("deferred", reload.get("applied").asText());

        JsonNode session = api.get("/api/v1/sessions/inv-1").json(200);
        assertEquals(List.of("id", "startedAt", "generation", "toolsets"), ToolsetRoutesTest.fields(session));
        assertEquals(1, session.get("generation").asInt());
        assertEquals(List.of("prometheus/metrics", "kubernetes/core"),
                ToolsetRoutesTest.names(session.get("toolsets")));
        assertEquals("healthy", session.get("toolsets").get(0).get("health").asText());
        JsonNode active = api.get("/api/v1/toolsets").json(200);
        assertTrue(active.get("pending").get("checksum").asText().matches("[0-9a-f]{64}"), active.toString());
        assertEquals("2026-01-02T00:00:00Z", active.get("pending").get("since").asText());

        api.delete("/api/v1/sessions/inv-1");

        JsonNode applied = api.get("/api/v1/toolsets").json(200);
        assertEquals(2, applied.get("generation").asInt());
        assertTrue(applied.get("pending").isNull());
        assertEquals(List.of("kubernetes/core", "new/toolset"), ToolsetRoutesTest.names(applied.get("toolsets")));
    }

    @Test
    void deleteIs204ThenAnUnknownSessionIs404() {
        api.put("/api/v1/sessions/inv-1").json(201);

        ApiFixture.Response deleted = api.delete("/api/v1/sessions/inv-1");
        assertEquals(204, deleted.status());
        assertEquals("", deleted.body());

        api.delete("/api/v1/sessions/inv-1").problem(404, "session-not-found");
        api.get("/api/v1/sessions/inv-1").problem(404, "session-not-found");
        assertEquals(0, api.get("/api/v1/sessions").json(200).get("sessions").size());
    }

    @Test
    void listsTheActiveSessionsOldestFirst() {
        api.put("/api/v1/sessions/b").json(201);
        api.clock.advance(Duration.ofSeconds(1));
        api.put("/api/v1/sessions/a:2").json(201);

        JsonNode sessions = api.get("/api/v1/sessions").json(200).get("sessions");

        assertEquals("b", sessions.get(0).get("id").asText());
        assertEquals("a:2", sessions.get(1).get("id").asText());
        assertEquals("2026-01-02T00:00:01Z", sessions.get(1).get("startedAt").asText());
    }

    @Test
    void anInvalidSessionIdIs400() {
        JsonNode bad = api.put("/api/v1/sessions/has%20space").problem(400, "invalid-session-id");
        assertTrue(bad.get("detail").asText().contains("session id 'has space' is invalid"), bad.toString());
        api.get("/api/v1/sessions/" + "x".repeat(129)).problem(400, "invalid-session-id");
        api.delete("/api/v1/sessions/a%2Fb").problem(400, "invalid-session-id");
        assertEquals(0, api.get("/api/v1/sessions").json(200).get("sessions").size());
    }

    @Test
    void aNewSessionPastTheCapIs429() {
        ServiceSettings oneSession = ServiceSettings.defaults()
                .withSessionLimits(Duration.ofSeconds(600), Duration.ofSeconds(600), 1);
        try (ApiFixture capped = ApiFixture.builder().settings(oneSession).start()) {
            capped.put("/api/v1/sessions/first").json(201);

            JsonNode refused = capped.put("/api/v1/sessions/second").problem(429, "session-cap-reached");

            assertTrue(refused.get("detail").asText().length() > 10, refused.toString());
            capped.put("/api/v1/sessions/first").json(200);
        }
    }
}
