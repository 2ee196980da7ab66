package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.domain.ReloadTrigger;

class HistoryRoutesTest {

    private static final String WITH_SECRET = "kubernetes/core\nprometheus/metrics api_key=first-s3cret url=http://p\n";
    private static final String SECRET_CHANGED = "kubernetes/core priority=4\nprometheus/metrics api_key=second-s3cret "
            + "url=http://p\ngrafana/loki\n";

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void historyListsAppliedAndRefusedVersionsNewestFirst() {
        try (ApiFixture api = ApiFixture.builder().content(WITH_SECRET).start()) {
            api.clock.advance(Duration.ofSeconds(10));
            api.source.write(SECRET_CHANGED);
            api.core.reloads().reload(ReloadTrigger.WATCH);
            api.clock.advance(Duration.ofSeconds(10));
            api.source.write("!broken\n");
            api.post("/api/v1/reload").json(200);
            api.core.reloads().reload(ReloadTrigger.POLL);

            JsonNode entries = api.get("/api/v1/history").json(200).get("entries");

            assertEquals(3, entries.size(), entries.toString());
            JsonNode refused = entries.get(0);
            assertEquals(List.of("generation", "checksum", "at", "trigger", "result", "added", "removed", "changed",
                    "problems"), ToolsetRoutesTest.fields(refused));
            assertTrue(refused.get("generation").isNull());
            assertEquals("manual", refused.get("trigger").asText());
            assertEquals("validation_failed", refused.get("result").asText());
            assertEquals("syntax error: !broken", refused.get("problems").get(0).get("message").asText());
            JsonNode applied = entries.get(1);
            assertEquals(2, applied.get("generation").asLong());
            assertEquals("watch", applied.get("trigger").asText());
            assertEquals("config_changed", applied.get("result").asText());
            assertEquals("2026-01-02T00:00:10Z", applied.get("at").asText());
            assertEquals(List.of("grafana/loki"), texts(applied.get("added")));
            assertEquals(List.of(), texts(applied.get("removed")));
            assertEquals(List.of("kubernetes/core", "prometheus/metrics"), texts(applied.get("changed")));
            assertEquals(0, applied.get("problems").size());
            assertEquals("startup", entries.get(2).get("trigger").asText());
            assertEquals(List.of("kubernetes/core", "prometheus/metrics"), texts(entries.get(2).get("added")));
        }
    }

    @Test
    void aKeptGenerationShowsItsToolsetsRedacted() {
        try (ApiFixture api = ApiFixture.builder().content(WITH_SECRET).start()) {
            api.source.write(SECRET_CHANGED);
            api.core.reloads().reload(ReloadTrigger.WATCH);

            ApiFixture.Response response = api.get("/api/v1/history/1");
            JsonNode first = response.json(200);

            assertEquals(List.of("generation", "checksum", "appliedAt", "toolsets"), ToolsetRoutesTest.fields(first));
            assertEquals(1, first.get("generation").asLong());
            assertNotEquals(api.get("/api/v1/toolsets").json(200).get("checksum"), first.get("checksum"));
            assertEquals(List.of("kubernetes/core", "prometheus/metrics"),
                    first.get("toolsets").findValues("name").stream().map(JsonNode::asText).toList());
            JsonNode settings = first.get("toolsets").get(1).get("settings");
            assertEquals("<redacted>", settings.get("api_key").asText());
            assertEquals("http://p", settings.get("config").get("url").asText());
            assertFalse(response.body().contains("s3cret"), response.body());
        }
    }

    @Test
    void theDiffNamesTheChangedFieldsAndNeverTheSecret() {
        try (ApiFixture api = ApiFixture.builder().content(WITH_SECRET).start()) {
            api.source.write(SECRET_CHANGED);
            api.core.reloads().reload(ReloadTrigger.WATCH);

            ApiFixture.Response response = api.get("/api/v1/diff?from=1&to=2");

            assertEquals("{\"from\":1,\"to\":2,\"added\":[\"grafana/loki\"],\"removed\":[],\"changed\":["
                    + "{\"name\":\"kubernetes/core\",\"fields\":[\"priority\"]},"
                    + "{\"name\":\"prometheus/metrics\",\"fields\":[\"settings.api_key\"]}]}",
                    response.json(200).toString());
            assertFalse(response.body().contains("s3cret"), response.body());
            assertEquals("{\"from\":2,\"to\":1,\"added\":[],\"removed\":[\"grafana/loki\"],\"changed\":["
                    + "{\"name\":\"kubernetes/core\",\"fields\":[\"priority\"]},"
                    + "{\"name\":\"prometheus/metrics\",\"fields\":[\"settings.api_key\"]}]}",
                    api.get("/api/v1/diff?from=2&to=1").json(200).toString());
        }
    }

    @Test
    void aGenerationNoLongerKeptIs404AndABadOneIs400() {
        try (ApiFixture api = ApiFixture.builder().settings(CoreSettings.defaults().withHistorySize(2)).start()) {
            for (String content : List.of("a\n", "b\n")) {
                api.source.write(content);
                api.core.reloads().reload(ReloadTrigger.WATCH);
            }

            api.get("/api/v1/history/2").json(200);
            JsonNode gone = api.get("/api/v1/history/1").problem(404, "generation-not-kept");
            assertTrue(gone.get("detail").asText().contains("generation 1"), gone.toString());
            api.get("/api/v1/history/4").problem(404, "generation-not-kept");
            api.get("/api/v1/diff?from=1&to=3").problem(404, "generation-not-kept");
            api.get("/api/v1/diff?from=2&to=3").json(200);

            for (String bad : List.of("/api/v1/history/0", "/api/v1/history/two", "/api/v1/diff?from=2",
                    "/api/v1/diff?to=2", "/api/v1/diff?from=-1&to=2", "/api/v1/diff?from=2&to=3.5")) {
                JsonNode problem = api.get(bad).problem(400, "invalid-request");
                assertEquals(1, problem.get("problems").size(), problem.toString());
            }
        }
    }

    @Test
    void withATokenTheHistoryNeedsIt() {
        try (ApiFixture api = ApiFixture.builder().token("t0ken").start()) {
            for (String path : List.of("/api/v1/history", "/api/v1/history/1", "/api/v1/diff?from=1&to=1")) {
                api.get(path).problem(401, "unauthorized");
                assertEquals(200, api.authorizedGet(path).status(), path);
            }
        }
    }

    @Test
    void statusTellsARefusedNewerVersionFromNothingChanged() {
        try (ApiFixture api = ApiFixture.started()) {
            api.core.reloads().reload(ReloadTrigger.POLL);
            JsonNode nothingChanged = api.get("/api/v1/status").json(200);
            assertEquals(nothingChanged.get("checksum"), nothingChanged.get("observed"));
            assertTrue(nothingChanged.get("lastRejected").isNull());

            api.clock.advance(Duration.ofSeconds(30));
            api.source.write("kubernetes/core\n!typo\n");
            api.core.reloads().reload(ReloadTrigger.WATCH);
            api.clock.advance(Duration.ofSeconds(60));
            api.core.reloads().reload(ReloadTrigger.POLL);
            JsonNode refused = api.get("/api/v1/status").json(200);

            assertEquals(nothingChanged.get("checksum"), refused.get("checksum"), "the active version stays");
            assertNotEquals(refused.get("checksum"), refused.get("observed"), "the source holds another version");
            JsonNode rejected = refused.get("lastRejected");
            assertEquals(List.of("checksum", "at", "problems"), ToolsetRoutesTest.fields(rejected));
            assertEquals(refused.get("observed"), rejected.get("checksum"), "and that version was refused");
            assertEquals("2026-01-02T00:00:30Z", rejected.get("at").asText());
            assertEquals("syntax error: !typo", rejected.get("problems").get(0).get("message").asText());

            api.source.makeUnavailable(org.toolsetconfig.domain.ReloadOutcome.ErrorKind.NOT_FOUND);
            api.core.reloads().reload(ReloadTrigger.POLL);
            assertTrue(api.get("/api/v1/status").json(200).get("observed").isNull(), "unreadable");
        }
    }

    @Test
    void statusShowsTheSourceTheWarningsOfTheActiveDocumentAndDevMode() {
        try (ApiFixture api = ApiFixture.builder().content("kubernetes/core implicit\n").start()) {
            JsonNode status = api.get("/api/v1/status").json(200);
            assertEquals("{\"kind\":\"file\",\"path\":\"/etc/toolsets.yaml\"}", status.get("source").toString());
            assertEquals(1, status.get("warnings").size());
            assertEquals("discovered[0].enabled", status.get("warnings").get(0).get("path").asText());
            assertEquals("WARNING", status.get("warnings").get(0).get("severity").asText());
            assertTrue(status.get("devModeWarning").isNull());
        }
        StatusSettings kubernetes = new StatusSettings("(kubernetes)", ApiFixture.REPORTED.settings(),
                new StatusSource.Kubernetes("holmes", "toolset-config", "toolsets.yaml"));
        try (ApiFixture api = ApiFixture.builder().status(kubernetes)
                .settings(CoreSettings.defaults().withDevMode(true)).start()) {
            JsonNode status = api.get("/api/v1/status").json(200);
            assertEquals("{\"kind\":\"kubernetes\",\"namespace\":\"holmes\",\"name\":\"toolset-config\","
                    + "\"key\":\"toolsets.yaml\"}", status.get("source").toString());
            assertEquals(OperationsRoutes.DEV_MODE_WARNING, status.get("devModeWarning").asText());
        }
    }
}
