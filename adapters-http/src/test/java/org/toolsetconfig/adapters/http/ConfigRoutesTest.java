package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.domain.ReloadOutcome;

class ConfigRoutesTest {

    private final ApiFixture api = ApiFixture.started();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aManualReloadOfTheSameBytesIsUnchangedAndLeavesCountersAlone() {
        api.post("/api/v1/toolsets/kubernetes/core/failures").json(200);

        JsonNode body = api.post("/api/v1/reload").json(200);

        assertEquals(List.of("result", "applied", "generation", "problems"), ToolsetRoutesTest.fields(body));
        assertEquals("config_unchanged", body.get("result").asText());
        assertTrue(body.get("applied").isNull());
        assertEquals(1, body.get("generation").asInt());
        assertEquals(0, body.get("problems").size());
        assertEquals(1, api.get("/api/v1/toolsets/kubernetes/core").json(200).get("failures")
                .get("consecutiveFailures").asInt());
    }

    @Test
    void aManualReloadAppliesAChangedFile() {
        api.source.write("kubernetes/core\n");

        JsonNode body = api.post("/api/v1/reload").json(200);

        assertEquals("config_changed", body.get("result").asText());
        assertEquals("now", body.get("applied").asText());
        assertEquals(2, body.get("generation").asInt());
    }

    @Test
    void aManualReloadReportsWhatIsWrongWithTheFile() {
        api.source.write("kubernetes/core\n!oops\n");

        JsonNode invalid = api.post("/api/v1/reload").json(200);

        assertEquals("validation_failed", invalid.get("result").asText());
        assertEquals(1, invalid.get("generation").asInt());
        JsonNode problem = invalid.get("problems").get(0);
        assertEquals(List.of("path", "message", "severity", "line", "column"), ToolsetRoutesTest.fields(problem));
        assertTrue(problem.get("line").isNull(), "the test decoder places no problem");
        assertEquals("syntax error: !oops", problem.get("message").asText());
        assertEquals("ERROR", problem.get("severity").asText());

        api.source.makeUnavailable(ReloadOutcome.ErrorKind.NOT_FOUND);
        JsonNode missing = api.post("/api/v1/reload").json(200);

        assertEquals("error", missing.get("result").asText());
        assertTrue(missing.get("problems").get(0).get("message").asText().startsWith("not_found: "),
                missing.toString());
    }

    @Test
    void validatesADocumentWithoutApplyingIt() {
        JsonNode valid = api.post("/api/v1/validate", "application/yaml", "a\nb priority=3\n").json(200);

        assertEquals(List.of("valid", "problems", "toolsets"), ToolsetRoutesTest.fields(valid));
        assertEquals(true, valid.get("valid").asBoolean());
        assertEquals(List.of("b", "a"), ToolsetRoutesTest.names(valid.get("toolsets")));
        assertEquals("healthy", valid.get("toolsets").get(0).get("health").asText());

        JsonNode invalid = api.post("/api/v1/validate", "text/plain; charset=utf-8", "a\n-bad-\n").json(200);

        assertEquals(false, invalid.get("valid").asBoolean());
        JsonNode problem = invalid.get("problems").get(0);
        assertEquals("discovered[1].name", problem.get("path").asText());
        assertEquals("ERROR", problem.get("severity").asText());
        assertEquals(1, api.get("/api/v1/toolsets").json(200).get("generation").asInt());
    }

    @Test
    void validateRefusesABodyThatIsNotYaml() {
        JsonNode body = api.post("/api/v1/validate", "application/x-www-form-urlencoded", "a=b")
                .problem(415, "unsupported-media-type");
        assertTrue(body.get("detail").asText().contains("application/yaml"), body.toString());
        api.post("/api/v1/validate", "application/yaml", "a\n".repeat(40_000)).problem(413, "body-too-large");
    }

    @Test
    void statusShowsStateAndTheReportedSettingsInTheirOrder() {
        api.post("/api/v1/toolsets/kubernetes/core/failures").json(200);
        api.put("/api/v1/sessions/inv-1").json(201);

        JsonNode status = api.get("/api/v1/status").json(200);

        assertEquals(List.of("devMode", "configPath", "source", "generation", "checksum", "observed", "pending",
                "lastReload", "lastRejected", "warnings", "devModeWarning", "activeSessions", "trackedToolsets",
                "settings"), ToolsetRoutesTest.fields(status));
        assertEquals(false, status.get("devMode").asBoolean());
        assertEquals("/etc/toolsets.yaml", status.get("configPath").asText());
        assertEquals(1, status.get("generation").asInt());
        assertEquals(api.get("/api/v1/toolsets").json(200).get("checksum"), status.get("checksum"));
        assertTrue(status.get("pending").isNull());
        JsonNode last = status.get("lastReload");
        assertEquals(List.of("trigger", "result", "at", "problems"), ToolsetRoutesTest.fields(last));
        assertEquals("startup", last.get("trigger").asText());
        assertEquals("config_changed", last.get("result").asText());
        assertEquals("2026-01-02T00:00:00Z", last.get("at").asText());
        assertEquals(1, status.get("activeSessions").asInt());
        assertEquals(1, status.get("trackedToolsets").asInt());
        // The adapter reports the settings bootstrap hands it, as given and in order (ServiceWiringTest checks
        // what bootstrap hands in).
        JsonNode settings = status.get("settings");
        assertEquals(List.of("maxFailuresBeforeReload", "reloadCooldownSeconds", "pollIntervalSeconds", "watchEnabled",
                "watchDebounceMillis", "configMaxBytes", "sessionTtlSeconds", "maxReloadDeferralSeconds", "maxTracked",
                "maxSessions"), ToolsetRoutesTest.fields(settings));
        assertEquals(true, settings.get("watchEnabled").asBoolean());
        assertEquals(1_048_576L, settings.get("configMaxBytes").asLong());
    }
}
