package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void twoHundredConcurrentFailuresOverTwentyToolsetsAreCountedExactly() throws Exception {
        try (ApiFixture api = ApiFixture.started()) {
            List<CompletableFuture<ApiFixture.Response>> responses = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                String name = "team-" + (i % 20) + "/tool";
                responses.add(api.sendAsync(api.request("/api/v1/toolsets/" + name + "/failures")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"errorType\":\"Timeout\"}"))));
            }
            CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("200 concurrent failure POSTs took " + millis + " ms");

            int attempted = 0;
            for (CompletableFuture<ApiFixture.Response> response : responses) {
                if (response.get().json(200).get("reload").get("attempted").asBoolean()) {
                    attempted++;
                }
            }
            Map<String, Long> totals = new TreeMap<>();
            for (JsonNode record : api.get("/api/v1/failures").json(200).get("failures")) {
                totals.put(record.get("toolset").asText(), record.get("totalFailures").asLong());
                assertEquals(10, record.get("consecutiveFailures").asInt(), record.toString());
                assertEquals("Timeout", record.get("lastErrorType").asText());
            }
            assertEquals(20, totals.size(), totals.toString());
            totals.values().forEach(total -> assertEquals(10L, total, totals.toString()));
            // Each toolset re-checks once, at its third failure; the cooldown blocks the rest.
            assertEquals(20, attempted);
        }
    }
}
