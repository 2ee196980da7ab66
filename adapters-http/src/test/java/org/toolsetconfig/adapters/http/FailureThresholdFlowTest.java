package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The failure threshold (B4–B6) over HTTP against the real core: threshold 3, cooldown 60 s. */
class FailureThresholdFlowTest {

    private static final String FAILURE = "/api/v1/toolsets/kubernetes/core/failures";

    private final ApiFixture api = ApiFixture.started();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theThirdFailureRechecksTheFileAndTheFourthIsBlockedByTheCooldown() {
        JsonNode first = api.post(FAILURE).json(200).get("reload");
        JsonNode second = api.post(FAILURE).json(200).get("reload");
        assertEquals(false, first.get("attempted").asBoolean());
        assertEquals(false, second.get("attempted").asBoolean());
        int readsBefore = api.source.reads();

        JsonNode third = api.post(FAILURE).json(200);

        assertEquals(3, third.get("consecutiveFailures").asInt());
        assertEquals(true, third.get("reload").get("attempted").asBoolean());
        assertEquals(false, third.get("reload").get("blockedByCooldown").asBoolean());
        assertEquals("config_unchanged", third.get("reload").get("result").asText());
        assertTrue(third.get("reload").get("applied").isNull());
        assertEquals(readsBefore + 1, api.source.reads());

        api.clock.advance(Duration.ofSeconds(59));
        JsonNode fourth = api.post(FAILURE).json(200);

        assertEquals(4, fourth.get("consecutiveFailures").asInt());
        assertEquals(false, fourth.get("reload").get("attempted").asBoolean());
        assertEquals(true, fourth.get("reload").get("blockedByCooldown").asBoolean());
        assertTrue(fourth.get("reload").get("result").isNull());
        assertEquals(readsBefore + 1, api.source.reads());
    }

    @Test
    void aFailureOfAToolsetAbsentFromTheConfigIsCountedAndTheAnswerSaysItIsUnknown() {
        JsonNode known = api.post(FAILURE).json(200);
        JsonNode unknown = api.post("/api/v1/toolsets/kubernetes/cor/failures").json(200);

        assertEquals(true, known.get("known").asBoolean());
        assertTrue(known.get("hint").isNull());
        assertEquals(1, unknown.get("totalFailures").asInt());
        assertEquals(false, unknown.get("known").asBoolean());
        assertTrue(unknown.get("hint").asText().startsWith("'kubernetes/cor' is not a toolset of the active config"),
                unknown::toString);
    }

    @Test
    void afterTheCooldownAFixedFileIsAppliedAndTheCounterResets() {
        for (int i = 0; i < 3; i++) {
            api.post(FAILURE).json(200);
        }
        api.source.write("kubernetes/core priority=9\nprometheus/metrics priority=5\n");
        api.clock.advance(Duration.ofSeconds(60));

        JsonNode healed = api.post(FAILURE).json(200);

        assertEquals("config_changed", healed.get("reload").get("result").asText());
        assertEquals("now", healed.get("reload").get("applied").asText());
        assertEquals(0, healed.get("consecutiveFailures").asInt());
        assertEquals(4, healed.get("totalFailures").asInt());
        JsonNode active = api.get("/api/v1/toolsets").json(200);
        assertEquals(2, active.get("generation").asInt());
        assertEquals(9, api.get("/api/v1/toolsets/kubernetes/core").json(200).get("toolset").get("priority").asInt());
    }
}
