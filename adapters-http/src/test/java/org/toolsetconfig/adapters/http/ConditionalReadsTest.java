package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConditionalReadsTest {

    private final ApiFixture api = ApiFixture.started();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theListAnswersItsOwnTagWith304AndNoBody() {
        ApiFixture.Response first = api.get("/api/v1/toolsets");
        String tag = etag(first);
        // The health of the listed toolsets is part of it: it changes without a new generation.
        assertTrue(tag.matches("\"g1-[0-9a-f]{64}-h[0-9a-f]{16}\""), tag);

        ApiFixture.Response again = api.send(api.request("/api/v1/toolsets").header("If-None-Match", tag).GET());

        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(tag, etag(again));
    }

    @Test
    void aWeakOrListedOrStarTagMatchesAndAnOtherOneDoesNot() {
        String tag = etag(api.get("/api/v1/toolsets"));

        assertEquals(304, conditional("/api/v1/toolsets", "W/" + tag).status());
        assertEquals(304, conditional("/api/v1/toolsets", "\"other\", " + tag).status());
        assertEquals(304, conditional("/api/v1/toolsets", "*").status());
        ApiFixture.Response stale = conditional("/api/v1/toolsets", "\"g0-other\"");
        assertEquals(200, stale.status());
        assertEquals(1, stale.json(200).get("generation").asLong());
    }

    @Test
    void anAppliedChangeEndsThe304() {
        String tag = etag(api.get("/api/v1/toolsets"));
        api.source.write("kubernetes/core\n");
        api.post("/api/v1/reload").json(200);

        ApiFixture.Response after = conditional("/api/v1/toolsets", tag);

        assertEquals(2, after.json(200).get("generation").asLong());
        assertNotEquals(tag, etag(after));
    }

    @Test
    void aPendingChangeEndsThe304OfTheList() {
        String tag = etag(api.get("/api/v1/toolsets"));
        api.put("/api/v1/sessions/s1");
        api.source.write("kubernetes/core\n");
        assertEquals("deferred", api.post("/api/v1/reload").json(200).get("applied").asText());

        ApiFixture.Response after = conditional("/api/v1/toolsets", tag);

        assertTrue(after.json(200).get("pending").isObject(), after.body());
    }

    @Test
    void aToolsetsTagFollowsItsFailureRecord() {
        String path = "/api/v1/toolsets/kubernetes/core";
        String clean = etag(api.get(path));
        assertEquals(304, conditional(path, clean).status());

        api.postJson(path + "/failures", "{}").json(200);
        ApiFixture.Response failed = conditional(path, clean);
        assertEquals(1, failed.json(200).get("failures").get("consecutiveFailures").asInt());
        String afterFailure = etag(failed);
        assertEquals(304, conditional(path, afterFailure).status());

        api.post(path + "/successes").json(200);
        ApiFixture.Response recovered = conditional(path, afterFailure);
        assertEquals(0, recovered.json(200).get("failures").get("consecutiveFailures").asInt());
    }

    @Test
    void anUnknownToolsetIsStill404WhateverTheTag() {
        api.send(api.request("/api/v1/toolsets/nope").header("If-None-Match", "*").GET()).problem(404,
                "toolset-not-found");
    }

    private ApiFixture.Response conditional(String path, String ifNoneMatch) {
        return api.send(api.request(path).header("If-None-Match", ifNoneMatch).GET());
    }

    private static String etag(ApiFixture.Response response) {
        return response.raw().headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
    }
}
