package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.domain.ReloadPolicy;

class ToolsetRoutesTest {

    private final ApiFixture api = ApiFixture.started();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listsTheActiveSnapshotWithEveryFieldPresent() {
        JsonNode body = api.get("/api/v1/toolsets").json(200);

        assertEquals(1, body.get("generation").asLong());
        assertTrue(body.get("checksum").asText().matches("[0-9a-f]{64}"), body.toString());
        assertEquals("2026-01-02T00:00:00Z", body.get("loadedAt").asText());
        assertTrue(body.get("pending").isNull());
        assertEquals(List.of("prometheus/metrics", "kubernetes/core"), names(body.get("toolsets")));
        JsonNode prometheus = body.get("toolsets").get(0);
        assertEquals(List.of("name", "enabled", "priority", "endpoint", "type", "failurePatterns", "settings",
                        "health"),
                fields(prometheus));
        assertEquals("built-in", prometheus.get("type").asText());
        assertEquals("healthy", prometheus.get("health").asText());
        assertTrue(prometheus.get("enabled").asBoolean());
        assertEquals(5, prometheus.get("priority").asInt());
        assertTrue(prometheus.get("endpoint").isNull());
        assertTrue(prometheus.get("settings").isObject());
    }

    @Test
    void getsAToolsetByItsNameWithTheSlashAsIsOrEncoded() {
        for (String path : List.of("/api/v1/toolsets/kubernetes/core", "/api/v1/toolsets/kubernetes%2Fcore",
                "/api/v1/toolsets/kubernetes%2fcore")) {
            JsonNode body = api.get(path).json(200);
            assertEquals(List.of("toolset", "failures"), fields(body), path);
            assertEquals("kubernetes/core", body.get("toolset").get("name").asText(), path);
            assertTrue(body.get("failures").isNull(), path);
        }
    }

    @Test
    void aToolsetOnlyTrackedForFailuresHasANullDefinition() {
        api.postJson("/api/v1/toolsets/aws/s3/failures", "{}").json(200);

        JsonNode body = api.get("/api/v1/toolsets/aws/s3").json(200);

        assertTrue(body.get("toolset").isNull(), body.toString());
        assertEquals("aws/s3", body.get("failures").get("toolset").asText());
        assertEquals(1, body.get("failures").get("totalFailures").asInt());
    }

    @Test
    void aDisabledToolsetIsAnsweredByASingleGetEvenWithoutFailures() {
        JsonNode body = api.get("/api/v1/toolsets/grafana/loki").json(200);

        assertEquals("grafana/loki", body.get("toolset").get("name").asText());
        assertEquals(false, body.get("toolset").get("enabled").asBoolean());
        assertEquals("disabled", body.get("toolset").get("health").asText());
        assertTrue(body.get("failures").isNull(), body.toString());
    }

    @Test
    void includeDisabledListsEveryDefinedToolsetAndTheDefaultOnlyTheEnabledOnes() {
        assertEquals(List.of("prometheus/metrics", "kubernetes/core"),
                names(api.get("/api/v1/toolsets").json(200).get("toolsets")));

        JsonNode all = api.get("/api/v1/toolsets?include=disabled").json(200);

        assertEquals(List.of("prometheus/metrics", "kubernetes/core", "grafana/loki"), names(all.get("toolsets")));
        assertEquals(List.of("healthy", "healthy", "disabled"), StreamSupport.stream(all.get("toolsets").spliterator(),
                false).map(t -> t.get("health").asText()).toList());
        assertEquals(1, all.get("generation").asInt());

        JsonNode bad = api.get("/api/v1/toolsets?include=everything").problem(400, "invalid-request");
        assertTrue(bad.get("detail").asText().contains("include=disabled"), bad.toString());
    }

    @Test
    void healthFollowsTheConsecutiveFailuresAgainstTheThreshold() {
        List<String> seen = new ArrayList<>();
        seen.add(health("kubernetes/core"));
        for (int i = 0; i < 3; i++) {
            api.postJson("/api/v1/toolsets/kubernetes/core/failures", "{}").json(200);
            seen.add(health("kubernetes/core"));
        }
        api.post("/api/v1/toolsets/kubernetes/core/successes").json(200);
        seen.add(health("kubernetes/core"));
        api.postJson("/api/v1/toolsets/grafana/loki/failures", "{}").json(200);

        assertEquals(List.of("healthy", "degraded", "degraded", "failing", "healthy"), seen);
        assertEquals("disabled", health("grafana/loki"), "a disabled toolset stays disabled whatever it reports");
        JsonNode listed = api.get("/api/v1/toolsets").json(200).get("toolsets");
        assertEquals("healthy", listed.get(1).get("health").asText());
    }

    private String health(String toolset) {
        return api.get("/api/v1/toolsets/" + toolset).json(200).get("toolset").get("health").asText();
    }

    @Test
    void anUnknownToolsetIs404AndABadNameIs400() {
        JsonNode unknown = api.get("/api/v1/toolsets/nobody/knows").problem(404, "toolset-not-found");
        assertTrue(unknown.get("detail").asText().contains("nobody/knows"), unknown.toString());
        assertEquals("/api/v1/toolsets/nobody/knows", unknown.get("instance").asText());

        JsonNode bad = api.get("/api/v1/toolsets/-bad-").problem(400, "invalid-toolset-name");
        assertTrue(bad.get("detail").asText().contains("toolset name '-bad-' is invalid"), bad.toString());
        assertEquals("name", bad.get("problems").get(0).get("path").asText());

        api.post("/api/v1/toolsets/bad%20name/failures").problem(400, "invalid-toolset-name");
        api.post("/api/v1/toolsets/" + "a".repeat(129) + "/successes").problem(400, "invalid-toolset-name");
        assertEquals(0, api.get("/api/v1/failures").json(200).get("failures").size());
    }

    @Test
    void recordsAFailureWithTheSlashAsIsOrEncoded() {
        JsonNode first = api.postJson("/api/v1/toolsets/kubernetes/core/failures",
                "{\"errorType\":\"ConnectionError\",\"errorMessage\":\"connection refused\"}").json(200);
        assertEquals(List.of("toolset", "consecutiveFailures", "totalFailures", "lastFailureAt", "lastErrorType",
                "lastErrorMessage", "lastErrorClass", "reload", "known", "hint"), fields(first));
        assertEquals("kubernetes/core", first.get("toolset").asText());
        assertEquals(1, first.get("consecutiveFailures").asInt());
        assertEquals(1, first.get("totalFailures").asLong());
        assertEquals("2026-01-02T00:00:00Z", first.get("lastFailureAt").asText());
        assertEquals("ConnectionError", first.get("lastErrorType").asText());
        assertEquals("connection refused", first.get("lastErrorMessage").asText());
        JsonNode reload = first.get("reload");
        assertEquals(List.of("attempted", "blockedByCooldown", "result", "applied"), fields(reload));
        assertEquals(false, reload.get("attempted").asBoolean());
        assertEquals(false, reload.get("blockedByCooldown").asBoolean());
        assertTrue(reload.get("result").isNull());
        assertTrue(reload.get("applied").isNull());

        JsonNode second = api.post("/api/v1/toolsets/kubernetes%2Fcore/failures").json(200);
        assertEquals(2, second.get("consecutiveFailures").asInt());
        assertEquals("UnknownError", second.get("lastErrorType").asText());
        assertEquals("No error message", second.get("lastErrorMessage").asText());
    }

    @Test
    void aSuccessResetsTheConsecutiveCountAndKeepsTheTotal() {
        api.post("/api/v1/toolsets/kubernetes/core/failures").json(200);
        api.post("/api/v1/toolsets/kubernetes/core/failures").json(200);

        JsonNode body = api.post("/api/v1/toolsets/kubernetes/core/successes").json(200);

        assertEquals(List.of("toolset", "consecutiveFailures", "totalFailures"), fields(body));
        assertEquals("kubernetes/core", body.get("toolset").asText());
        assertEquals(0, body.get("consecutiveFailures").asInt());
        assertEquals(2, body.get("totalFailures").asLong());
    }

    @Test
    void listsTheFailuresOfEveryTrackedToolset() {
        api.postJson("/api/v1/toolsets/kubernetes/core/failures", "{\"errorType\":null}").json(200);
        api.post("/api/v1/toolsets/prometheus/metrics/failures").json(200);

        JsonNode failures = api.get("/api/v1/failures").json(200).get("failures");

        assertEquals(List.of("kubernetes/core", "prometheus/metrics"),
                StreamSupport.stream(failures.spliterator(), false).map(f -> f.get("toolset").asText()).sorted()
                        .toList());
        assertEquals(List.of("toolset", "consecutiveFailures", "totalFailures", "lastFailureAt", "lastErrorType",
                "lastErrorMessage", "lastErrorClass"), fields(failures.get(0)));
    }

    @Test
    void aMalformedOrMistypedBodyIs400AndCountsNothing() {
        JsonNode malformed = api.postJson("/api/v1/toolsets/kubernetes/core/failures", "{\"errorType\": ")
                .problem(400, "malformed-json");
        assertTrue(malformed.get("detail").asText().contains("line 1"), malformed.toString());
        api.postJson("/api/v1/toolsets/kubernetes/core/failures", "{} {}").problem(400, "malformed-json");
        api.postJson("/api/v1/toolsets/kubernetes/core/failures", "{\"errorType\":\"a\",\"errorType\":\"b\"}")
                .problem(400, "malformed-json");

        JsonNode mistyped = api.postJson("/api/v1/toolsets/kubernetes/core/failures", "{\"errorType\": 42}")
                .problem(400, "invalid-request");
        assertEquals("errorType", mistyped.get("problems").get(0).get("path").asText());
        api.postJson("/api/v1/toolsets/kubernetes/core/failures", "[1, 2]").problem(400, "invalid-request");

        assertEquals(0, api.get("/api/v1/failures").json(200).get("failures").size());
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        JsonNode body = api.post("/api/v1/toolsets/kubernetes/core/failures", "text/plain", "it broke")
                .problem(415, "unsupported-media-type");
        assertTrue(body.get("detail").asText().contains("text/plain"), body.toString());
        assertEquals(0, api.get("/api/v1/failures").json(200).get("failures").size());
    }

    /**
     * A refusal written while the client is still sending used to be lost now and then: the server
     * closed with unread bytes, the kernel reset the connection, and the client saw no response
     * (about 4 in 100 such requests before the refused body was read and dropped).
     */
    @Test
    void everyRefusalOfALargeBodyReachesTheClient() {
        String large = "a\n".repeat(40_000);
        for (int i = 0; i < 200; i++) {
            api.post("/api/v1/validate", "application/yaml", large).problem(413, "body-too-large");
            api.post("/api/v1/validate", "application/x-www-form-urlencoded", large.substring(0, 60_000))
                    .problem(415, "unsupported-media-type");
        }
        assertEquals(1, api.get("/api/v1/toolsets").json(200).get("generation").asInt());
    }

    @Test
    void aBodyOver64KiBIs413WithOrWithoutADeclaredLength() {
        String big = "{\"errorMessage\":\"" + "x".repeat(64 * 1024) + "\"}";
        api.postJson("/api/v1/toolsets/kubernetes/core/failures", big).problem(413, "body-too-large");

        HttpRequest.Builder chunked = api.request("/api/v1/toolsets/kubernetes/core/failures")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())));
        api.send(chunked).problem(413, "body-too-large");

        String fits = "{\"errorMessage\":\"" + "x".repeat(60 * 1024) + "\"}";
        JsonNode ok = api.postJson("/api/v1/toolsets/kubernetes/core/failures", fits).json(200);
        assertEquals(1, ok.get("totalFailures").asInt());
    }

    @Test
    void aNewNamePastTheTrackingCapIs429AndTrackedOnesKeepCounting() {
        try (ApiFixture capped = ApiFixture.builder().settings(new CoreSettings(
                new ReloadPolicy(3, Duration.ofSeconds(60)), Duration.ofSeconds(600), Duration.ofSeconds(600), 2, 10_000,
                false)).start()) {
            capped.post("/api/v1/toolsets/a/failures").json(200);
            capped.post("/api/v1/toolsets/b/failures").json(200);

            JsonNode refused = capped.post("/api/v1/toolsets/c/failures").problem(429, "tracking-cap-reached");

            assertTrue(refused.get("detail").asText().contains("TOOLSET_MAX_TRACKED"), refused.toString());
            assertEquals(2, capped.post("/api/v1/toolsets/a/failures").json(200).get("totalFailures").asInt());
        }
    }

    static List<String> names(JsonNode toolsets) {
        return StreamSupport.stream(toolsets.spliterator(), false).map(t -> t.get("name").asText()).toList();
    }

    static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
