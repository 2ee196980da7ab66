package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/investigations/outcome}: BR-HAPI-189's cases over HTTP, the JSON shapes and the 4xx answers. */
class InvestigationRoutesTest {

    private static final String PATH = "/api/v1/investigations/outcome";

    private final ApiFixture api = ApiFixture.started();

    @AfterEach
    void stop() {
        api.close();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aFailureChargesEveryMatchingToolsetAndAnswersAsTheFailuresRouteDoes() {
        JsonNode body = api.postJson(PATH, "{\"result\":\"failure\",\"errorType\":\"ToolExecutionError\","
                + "\"error\":\"pods is forbidden: cannot list pods; Prometheus query failed: connection refused\"}")
                .json(200);

        assertEquals(List.of("charged", "reset", "unmatched"), fields(body));
        assertEquals(2, body.get("charged").size(), body.toString());
        // In the order the engine tries toolsets: priority (prometheus/metrics has 5), then name.
        assertEquals("prometheus/metrics", body.get("charged").get(0).get("toolset").asText());
        JsonNode kube = body.get("charged").get(1);
        assertEquals(List.of("toolset", "consecutiveFailures", "totalFailures", "lastFailureAt", "lastErrorType",
                "lastErrorMessage", "lastErrorClass", "reload", "known", "hint"), fields(kube));
        assertEquals("kubernetes/core", kube.get("toolset").asText());
        assertEquals("auth", kube.get("lastErrorClass").asText());
        assertEquals(List.of("attempted", "blockedByCooldown", "result", "applied"), fields(kube.get("reload")));
        assertFalse(kube.get("reload").get("attempted").asBoolean());
        assertFalse(body.get("unmatched").asBoolean());
        assertEquals(1, api.get("/api/v1/toolsets/kubernetes/core").json(200).get("failures")
                .get("consecutiveFailures").asInt());
    }

    @Test
    void theThirdChargeReportsItsReCheckLikeASingleFailureReport() {
        String failure = "{\"result\":\"failure\",\"error\":\"kubernetes API: 401 Unauthorized\"}";
        api.postJson(PATH, failure).json(200);
        api.postJson(PATH, failure).json(200);

        JsonNode reload = api.postJson(PATH, failure).json(200).get("charged").get(0).get("reload");

        assertTrue(reload.get("attempted").asBoolean());
        assertEquals("config_unchanged", reload.get("result").asText());
        assertEquals("failing", api.get("/api/v1/toolsets/kubernetes/core").json(200).get("toolset").get("health")
                .asText());
    }

    @Test
    void aSuccessResetsEveryUsedToolset() {
        api.postJson("/api/v1/toolsets/kubernetes/core/failures", "{}").json(200);

        JsonNode body = api.postJson(PATH, "{\"result\":\"success\",\"toolsetsUsed\":[\"kubernetes/core\","
                + "\"prometheus/metrics\"]}").json(200);

        assertEquals(List.of("kubernetes/core", "prometheus/metrics"),
                List.of(body.get("reset").get(0).get("toolset").asText(), body.get("reset").get(1).get("toolset")
                        .asText()));
        assertEquals(List.of("toolset", "consecutiveFailures", "totalFailures", "lastFailureAt", "lastErrorType",
                "lastErrorMessage", "lastErrorClass"), fields(body.get("reset").get(0)));
        assertEquals(0, body.get("reset").get(0).get("consecutiveFailures").asInt());
        assertEquals(1, body.get("reset").get(0).get("totalFailures").asInt());
        assertTrue(body.get("charged").isEmpty());
    }

    @Test
    void anErrorNoToolsetAnswersForIsUnmatchedAndTheLastToolsetFallsBack() {
        JsonNode unmatched = api.postJson(PATH, "{\"result\":\"failure\",\"error\":\"LLM answer unparsable\"}")
                .json(200);
        JsonNode fallback = api.postJson(PATH, "{\"result\":\"failure\",\"error\":\"LLM answer unparsable\","
                + "\"lastToolset\":\"grafana/loki\"}").json(200);

        assertTrue(unmatched.get("unmatched").asBoolean());
        assertTrue(unmatched.get("charged").isEmpty());
        assertFalse(fallback.get("unmatched").asBoolean());
        assertEquals("grafana/loki", fallback.get("charged").get(0).get("toolset").asText());
    }

    @Test
    void aToolsetShowsItsFailurePatterns() {
        JsonNode toolset = api.get("/api/v1/toolsets/kubernetes/core").json(200).get("toolset");

        assertTrue(toolset.get("failurePatterns").isArray());
        assertEquals("type", fields(toolset).get(fields(toolset).indexOf("failurePatterns") - 1));
    }

    @Test
    void badBodiesAre400WithAProblemThatSaysWhatIsWrongAndChangeNothing() {
        List<String> bodies = List.of("{}", "{\"result\":\"maybe\"}", "{\"result\":\"success\"}",
                "{\"result\":\"failure\"}", "{\"result\":\"failure\",\"error\":\"  \"}",
                "{\"result\":\"failure\",\"error\":\"x\",\"toolsetsUsed\":\"kubernetes/core\"}",
                "{\"result\":\"failure\",\"error\":\"x\",\"toolsetsUsed\":[\"kubernetes/core\", 7]}",
                "{\"result\":\"success\",\"toolsetsUsed\":[\"kubernetes/core\", \"../etc\"]}",
                "{\"result\":\"failure\",\"error\":\"kubernetes\",\"lastToolset\":\"a//b\"}",
                "{\"result\":\"success\",\"toolsetsUsed\":[" + "\"t\",".repeat(100) + "\"t\"]}",
                "[\"result\"]", "{\"result\":");
        for (String body : bodies) {
            ApiFixture.Response answer = api.postJson(PATH, body);
            assertEquals(400, answer.status(), body + " -> " + answer.body());
            assertTrue(answer.contentType().startsWith("application/problem+json"), body);
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
        assertEquals(400, api.post(PATH).status(), "no body");
        assertTrue(api.get("/api/v1/failures").json(200).get("failures").isEmpty(), "nothing was recorded");
    }

    @Test
    void aBodyOverTheCapIs413AndAnotherMediaTypeIs415() {
        String huge = "{\"result\":\"failure\",\"error\":\"" + "x".repeat(70_000) + "\"}";

        assertEquals(413, api.postJson(PATH, huge).status());
        assertEquals(415, api.post(PATH, "text/plain", "{\"result\":\"success\",\"toolsetsUsed\":[]}").status());
    }

    @Test
    void theTokenRuleApplies() {
        try (ApiFixture guarded = ApiFixture.builder().token("t0ken").start()) {
            assertEquals(401, guarded.postJson(PATH, "{\"result\":\"success\",\"toolsetsUsed\":[]}").status());
        }
    }
}
