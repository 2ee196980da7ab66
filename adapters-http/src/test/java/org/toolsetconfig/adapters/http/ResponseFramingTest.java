package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every body is UTF-8 and says so, every JSON body ends with a newline, and no answer passes its bound. */
class ResponseFramingTest {

    private final ApiFixture api = ApiFixture.started();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void problemBodiesAreUtf8WithTheCharsetDeclared() throws Exception {
        for (String name : List.of("caf%C3%A9", "%E6%97%A5%E6%9C%AC", "%F0%9F%98%80")) {
            HttpResponse<byte[]> response = api.client.send(api.request("/api/v1/toolsets/" + name).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String decoded = java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
            String body = new String(response.body(), StandardCharsets.UTF_8);

            assertTrue(response.statusCode() == 400 || response.statusCode() == 404, body);
            assertEquals("application/problem+json; charset=utf-8", contentType(response));
            assertTrue(body.contains(decoded), () -> "'" + decoded + "' is not in the UTF-8 body " + body);
        }
    }

    @Test
    void everyJsonAnswerDeclaresUtf8AndEndsWithANewline() throws Exception {
        for (String path : List.of("/api/v1/toolsets", "/api/v1/status", "/api/v1/failures", "/healthz", "/readyz",
                "/api/v1/toolsets/nope", "/api/v2/nothing")) {
            HttpResponse<byte[]> response = api.client.send(api.request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String type = contentType(response);

            assertTrue(type.endsWith("json; charset=utf-8"), path + ": " + type);
            assertEquals('\n', response.body()[response.body().length - 1], path);
        }
    }

    @Test
    void anAnswerLongerThanTheBoundIsA500ProblemThatIsLoggedAndTheServerKeepsServing() {
        Logger logger = (Logger) LoggerFactory.getLogger(ProblemResponses.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            config.append("toolset-").append(i).append('\n');
        }
        try (ApiFixture small = ApiFixture.builder().content(config.toString()).maxResponseChars(4096).start()) {
            ApiFixture.Response tooLong = small.get("/api/v1/toolsets");

            tooLong.problem(500, "response-too-large");
            assertTrue(tooLong.parsed().get("detail").asText().contains("4096"), tooLong.body());
            assertTrue(tooLong.body().length() < 1024, tooLong.body());
            List<ILoggingEvent> errors = appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertEquals(1, errors.size(), appender.list::toString);
            assertEquals("http_response_too_large", errors.get(0).getMessage());
            small.get("/api/v1/toolsets/toolset-7").json(200);
            small.get("/healthz").json(200);
        } finally {
            logger.detachAppender(appender);
            logger.setAdditive(true);
        }
    }

    private static String contentType(HttpResponse<?> response) throws IOException {
        return response.headers().firstValue("Content-Type").orElseThrow(() -> new IOException("no Content-Type"))
                .toLowerCase(Locale.ROOT).replace(";charset", "; charset");
    }
}
