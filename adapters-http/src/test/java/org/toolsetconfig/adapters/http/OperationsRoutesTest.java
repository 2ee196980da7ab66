package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;

class OperationsRoutesTest {

    @Test
    void healthIsAlways200AndReadinessFollowsTheActiveConfig() {
        try (ApiFixture api = ApiFixture.started()) {
            assertEquals("ok", api.get("/healthz").json(200).get("status").asText());
            ApiFixture.Response ready = api.get("/readyz");
            assertEquals(true, ready.json(200).get("ready").asBoolean());
            assertTrue(ready.parsed().get("reason").isNull());
        }
    }

    @Test
    void withoutAValidConfigTheServiceIsAliveButNotReady() {
        try (ApiFixture api = ApiFixture.builder().withoutStartupLoad().start()) {
            api.get("/healthz").json(200);
            ApiFixture.Response readiness = api.get("/readyz");
            assertEquals(503, readiness.status());
            assertEquals(false, readiness.parsed().get("ready").asBoolean());

            JsonNode empty = api.get("/api/v1/toolsets").json(200);
            assertEquals(0, empty.get("generation").asInt());
            assertTrue(empty.get("checksum").isNull(), empty.toString());
            assertEquals(0, empty.get("toolsets").size());
        }
    }

    @Test
    void devModeIsReadyWithNothingLoadedAndTheAnswerSaysSo() {
        try (ApiFixture api = ApiFixture.builder().settings(CoreSettings.defaults().withDevMode(true))
                .withoutStartupLoad().start()) {
            JsonNode readiness = api.get("/readyz").json(200);
            assertEquals(true, readiness.get("ready").asBoolean());
            assertEquals("dev mode: no valid configuration is active, serving 0 toolsets",
                    readiness.get("reason").asText());
            assertEquals(true, api.get("/api/v1/status").json(200).get("devMode").asBoolean());
        }
    }

    @Test
    void livenessSaysDevModeOutLoud() {
        try (ApiFixture api = ApiFixture.builder().settings(CoreSettings.defaults().withDevMode(true))
                .withoutStartupLoad().start()) {
            assertEquals("{\"status\":\"ok\",\"devMode\":true,"
                    + "\"warning\":\"Development mode active - toolset validation skipped\"}",
                    api.get("/healthz").json(200).toString());
        }
        try (ApiFixture api = ApiFixture.started()) {
            assertEquals("{\"status\":\"ok\",\"devMode\":false,\"warning\":null}",
                    api.get("/healthz").json(200).toString());
        }
    }

    @Test
    void metricsServesTheScrapeAsPrometheusText() {
        AtomicInteger scrapes = new AtomicInteger();
        try (ApiFixture api = ApiFixture.builder().scrape(() -> {
            scrapes.incrementAndGet();
            return ApiFixture.SCRAPE;
        }).start()) {
            ApiFixture.Response metrics = api.get("/metrics");

            assertEquals(200, metrics.status());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.contentType().toLowerCase());
            assertEquals(ApiFixture.SCRAPE, metrics.body());
            assertEquals(1, scrapes.get());
        }
    }

    @Test
    void servesTheOpenApiDocument() {
        try (ApiFixture api = ApiFixture.started()) {
            ApiFixture.Response doc = api.get("/openapi.yaml");

            assertEquals(200, doc.status());
            assertTrue(doc.contentType().startsWith("application/yaml"), doc.contentType());
            assertTrue(doc.body().startsWith("openapi: 3."), doc.body());
        }
    }
}
