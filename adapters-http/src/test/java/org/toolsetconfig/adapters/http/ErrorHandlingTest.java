package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ErrorHandlingTest {

    @Test
    void anUnknownRouteIs404Problem() {
        try (ApiFixture api = ApiFixture.started()) {
            JsonNode body = api.get("/api/v2/toolsets").problem(404, "route-not-found");
            assertEquals("/api/v2/toolsets", body.get("instance").asText());
            api.get("/nothing/here").problem(404, "route-not-found");
        }
    }

    @Test
    void aWrongMethodIs405WithTheAllowedOnes() {
        try (ApiFixture api = ApiFixture.started()) {
            ApiFixture.Response response = api.delete("/api/v1/toolsets");
            JsonNode body = response.problem(405, "method-not-allowed");
            assertTrue(body.get("detail").asText().contains("GET"), body.toString());
            assertTrue(response.raw().headers().firstValue("Allow").orElse("").contains("GET"));

            api.post("/api/v1/status").problem(405, "method-not-allowed");
            api.put("/api/v1/toolsets/kubernetes/core/failures").problem(405, "method-not-allowed");
            api.get("/api/v1/reload").problem(405, "method-not-allowed");
        }
    }

    @Test
    void anUnexpectedFailureIsA500WithoutDetailsLoggedOnceAndTheServerKeepsServing() {
        Logger logger = (Logger) LoggerFactory.getLogger(ProblemResponses.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        try (ApiFixture api = ApiFixture.builder().scrape(() -> {
            throw new IllegalStateException("registry exploded: secret internals");
        }).start()) {
            ApiFixture.Response response = api.get("/metrics");

            JsonNode body = response.problem(500, "internal-error");
            assertFalse(response.body().contains("secret internals"), response.body());
            assertFalse(response.body().contains("IllegalStateException"), response.body());
            List<ILoggingEvent> errors = appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertEquals(1, errors.size(), () -> appender.list.toString());
            assertEquals("http_request_failed", errors.get(0).getMessage());
            assertEquals("registry exploded: secret internals", errors.get(0).getThrowableProxy().getMessage());
            assertEquals("/metrics", body.get("instance").asText());
            api.get("/healthz").json(200);
        } finally {
            logger.detachAppender(appender);
            logger.setAdditive(true);
        }
    }

    @Test
    void hostileInputGetsA4xxProblemAndTheServerKeepsServing() throws IOException {
        try (ApiFixture api = ApiFixture.started()) {
            List<String> paths = List.of("/api/v1/toolsets/%00", "/api/v1/toolsets/a%2F..%2F..%2Fetc",
                    "/api/v1/toolsets/a//b", "/api/v1/toolsets/%ZZ", "/api/v1/toolsets/%C3%28",
                    "/api/v1/toolsets/" + "a/".repeat(200) + "b", "/api/v1/sessions/%2e%2e", "/api/v1/toolsets/;x=1",
                    "/api/v1/sessions/a%2Fb/x");
            for (String path : paths) {
                for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
                    String response = raw(api, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Length: 0\r\nConnection: close\r\n\r\n");
                    int status = Integer.parseInt(response.substring(9, 12));
                    assertTrue(status >= 400 && status < 500, method + " " + path + " -> " + response);
                    assertTrue(response.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"),
                            method + " " + path + " -> " + response);
                }
            }
            api.postJson("/api/v1/toolsets/kubernetes/core/failures", "\u0000").problem(400, "malformed-json");
            assertEquals(0, api.get("/api/v1/failures").json(200).get("failures").size());
            api.get("/healthz").json(200);
        }
    }

    /** Sends bytes no well-behaved client would, and reads the whole answer. */
    private static String raw(ApiFixture api, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
