package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.MutableClock;

/**
 * A real core on in-memory ports and a controllable clock, behind a real HTTP server on a free
 * port, with a real HTTP client.
 */
final class ApiFixture implements AutoCloseable {

    static final String CONFIG = "kubernetes/core\nprometheus/metrics priority=5\ngrafana/loki disabled\n";
    static final String SCRAPE = "# HELP holmesgpt_toolsets_active Active toolsets\n"
            + "# TYPE holmesgpt_toolsets_active gauge\nholmesgpt_toolsets_active 2.0\n";
    static final ObjectMapper JSON = new ObjectMapper();
    /** What bootstrap would hand in for {@code /api/v1/status}; the adapter reports it as given, in order. */
    static final StatusSettings REPORTED = reported();

    final MutableClock clock = MutableClock.atEpochPlusOneDay();
    final InMemoryConfigSource source;
    final ToolsetConfigCore core;
    final HttpApiServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final URI base;
    private final Optional<String> token;

    private ApiFixture(Builder builder) {
        this.token = builder.http.apiToken();
        this.source = new InMemoryConfigSource(builder.content);
        ConfigSource configSource = builder.sourceWrapper == null ? source : builder.sourceWrapper.wrap(source);
        this.core = ToolsetConfigCore.builder().configSource(configSource).configDecoder(new LineDecoder())
                .clock(clock).settings(builder.settings).structuredLogging(false).build();
        if (builder.startupLoad) {
            core.reloads().startup();
        }
        this.server = new HttpApiServer(core.outcomes(), core.investigations(), core.reloads(), core.sessions(),
                core.queries(), core.validation(), core.history(), core.events(), builder.scrape, builder.http,
                builder.limits, builder.eventLimits);
        this.base = URI.create("http://127.0.0.1:" + server.start());
    }

    private static StatusSettings reported() {
        // Every setting openapi.yaml's status schema requires, as the real wiring hands them in.
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxFailuresBeforeReload", 3);
        settings.put("reloadCooldownSeconds", 60L);
        settings.put("pollIntervalSeconds", 60L);
        settings.put("watchEnabled", true);
        settings.put("watchDebounceMillis", 100L);
        settings.put("configMaxBytes", 1_048_576L);
        settings.put("sessionTtlSeconds", 600L);
        settings.put("maxReloadDeferralSeconds", 600L);
        settings.put("maxTracked", 1000);
        settings.put("maxSessions", 10_000);
        return new StatusSettings("/etc/toolsets.yaml", settings);
    }

    static ApiFixture started() {
        return builder().start();
    }

    static Builder builder() {
        return new Builder();
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    /** A GET with the fixture's bearer token, when it has one. */
    Response authorizedGet(String path) {
        HttpRequest.Builder request = request(path).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return send(request);
    }

    Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String path) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    }

    Response send(HttpRequest.Builder request) {
        try {
            return Response.of(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Response> sendAsync(HttpRequest.Builder request) {
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(Response::of);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A response with its JSON body parsed when it has one. */
    record Response(int status, String contentType, String body, JsonNode parsed, HttpResponse<String> raw) {

        static Response of(HttpResponse<String> response) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (type.contains("json") && !response.body().isEmpty()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + response.body(), e);
                }
            }
            return new Response(response.statusCode(), type, response.body(), json, response);
        }

        /** Asserts a JSON response with this status and returns its body. */
        JsonNode json(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> "status of " + body);
            assertEquals("application/json", contentType.split(";")[0].strip(), () -> "content type of " + body);
            return parsed;
        }

        /** Asserts a problem response with this status and type slug, and returns its body. */
        JsonNode problem(int expectedStatus, String typeSlug) {
            assertEquals(expectedStatus, status, () -> "status of " + body);
            assertEquals(ResponseBodies.PROBLEM_JSON, contentType, () -> "content type of " + body);
            assertEquals("urn:toolset-config:problem:" + typeSlug, parsed.get("type").asText(), body);
            assertEquals(expectedStatus, parsed.get("status").asInt(), body);
            assertEquals(false, parsed.get("title").asText().isBlank(), body);
            assertEquals(false, parsed.get("detail").asText().isBlank(), body);
            assertEquals(false, body.contains("Exception") || body.contains("\tat "), body);
            return parsed;
        }
    }

    /** Wraps the in-memory source, e.g. to block a read. */
    @FunctionalInterface
    interface SourceWrapper {
        ConfigSource wrap(InMemoryConfigSource source);
    }

    static final class Builder {
        private String content = CONFIG;
        private CoreSettings settings = CoreSettings.defaults();
        private HttpSettings http = HttpSettings.open("127.0.0.1", 0, REPORTED);
        private Supplier<String> scrape = () -> SCRAPE;
        private boolean startupLoad = true;
        private SourceWrapper sourceWrapper;
        private HttpApiServer.Limits limits = HttpApiServer.Limits.DEFAULT;
        private EventStream.Limits eventLimits = EventStream.Limits.DEFAULTS;

        Builder eventLimits(EventStream.Limits value) {
            eventLimits = value;
            return this;
        }

        Builder stopTimeout(Duration value) {
            limits = new HttpApiServer.Limits(value, limits.bodyDeadline(), limits.maxThreads());
            return this;
        }

        /** A short body deadline and a small worker pool, so a test can exhaust it. */
        Builder bodyDeadlineAndThreads(Duration deadline, int maxThreads) {
            limits = new HttpApiServer.Limits(limits.stopTimeout(), deadline, maxThreads);
            return this;
        }

        Builder content(String value) {
            content = value;
            return this;
        }

        Builder settings(CoreSettings value) {
            settings = value;
            return this;
        }

        Builder token(String value) {
            http = http.withApiToken(value);
            return this;
        }

        Builder maxResponseChars(long value) {
            http = http.withMaxResponseChars(value);
            return this;
        }

        Builder status(StatusSettings value) {
            http = new HttpSettings(http.host(), http.port(), http.apiToken(), http.maxResponseChars(), value);
            return this;
        }

        Builder scrape(Supplier<String> value) {
            scrape = value;
            return this;
        }

        Builder withoutStartupLoad() {
            startupLoad = false;
            return this;
        }

        Builder sourceWrapper(SourceWrapper value) {
            sourceWrapper = value;
            return this;
        }

        ApiFixture start() {
            return new ApiFixture(this);
        }
    }
}
