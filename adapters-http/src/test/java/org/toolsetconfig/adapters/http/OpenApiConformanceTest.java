package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of openapi.yaml, driven through the real server, with each request and answer
 * checked by an independent validator (Atlassian's swagger-request-validator) against the document:
 * paths and parameters, security, media types, status codes and JSON schemas, errors included. A
 * field added, renamed or made nullable on one side only fails here.
 */
class OpenApiConformanceTest {

    private static final String TOKEN = "s3cret-token";
    private static final String YAML = "application/yaml";

    /** One exchange: the operation it exercises (as the document writes it) and the request. */
    private record Exchange(String operation, Request.Method method, String path, String contentType, String body) {
    }

    @Test
    void everyOperationAnswersAsTheDocumentSays() throws Exception {
        try (ApiFixture api = ApiFixture.builder().token(TOKEN).start()) {
            String document = api.get("/openapi.yaml").body();
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                    .build();
            List<Exchange> exchanges = List.of(
                    exchange("GET /api/v1/toolsets", Request.Method.GET, "/api/v1/toolsets"),
                    // Generated clients send a slash name encoded, as the document says.
                    exchange("GET /api/v1/toolsets/{name}", Request.Method.GET, "/api/v1/toolsets/kubernetes%2Fcore"),
                    exchange("POST /api/v1/toolsets/{name}/failures", Request.Method.POST,
                            "/api/v1/toolsets/kubernetes%2Fcore/failures", "application/json",
                            "{\"errorType\":\"ConnectionError\",\"errorMessage\":\"caf\u00e9 \u65e5\u672c\"}"),
                    exchange("GET /api/v1/toolsets/{name}", Request.Method.GET, "/api/v1/toolsets/kubernetes%2Fcore"),
                    exchange("POST /api/v1/toolsets/{name}/failures", Request.Method.POST,
                            "/api/v1/toolsets/prometheus%2Fmetrics/failures"),
                    exchange("POST /api/v1/toolsets/{name}/successes", Request.Method.POST,
                            "/api/v1/toolsets/kubernetes%2Fcore/successes"),
                    exchange("GET /api/v1/failures", Request.Method.GET, "/api/v1/failures"),
                    exchange("POST /api/v1/reload", Request.Method.POST, "/api/v1/reload"),
                    exchange("POST /api/v1/validate", Request.Method.POST, "/api/v1/validate", YAML,
                            "kubernetes/core\nexample/other priority=3\n"),
                    exchange("POST /api/v1/validate", Request.Method.POST, "/api/v1/validate", YAML, "!broken\n"),
                    exchange("PUT /api/v1/sessions/{id}", Request.Method.PUT, "/api/v1/sessions/inv-1"),
                    exchange("PUT /api/v1/sessions/{id}", Request.Method.PUT, "/api/v1/sessions/inv-1"),
                    exchange("GET /api/v1/sessions", Request.Method.GET, "/api/v1/sessions"),
                    exchange("GET /api/v1/sessions/{id}", Request.Method.GET, "/api/v1/sessions/inv-1"),
                    exchange("DELETE /api/v1/sessions/{id}", Request.Method.DELETE, "/api/v1/sessions/inv-1"),
                    exchange("GET /api/v1/status", Request.Method.GET, "/api/v1/status"),
                    exchange("GET /api/v1/history", Request.Method.GET, "/api/v1/history"),
                    exchange("GET /api/v1/history/{generation}", Request.Method.GET, "/api/v1/history/1"),
                    exchange("GET /api/v1/diff", Request.Method.GET, "/api/v1/diff?from=1&to=1"),
                    exchange("GET /healthz", Request.Method.GET, "/healthz"),
                    exchange("GET /readyz", Request.Method.GET, "/readyz"),
                    exchange("GET /metrics", Request.Method.GET, "/metrics"),
                    exchange("GET /openapi.yaml", Request.Method.GET, "/openapi.yaml"),
                    exchange("POST /api/v1/investigations/outcome", Request.Method.POST,
                            "/api/v1/investigations/outcome", "application/json",
                            "{\"result\":\"failure\",\"error\":\"pods is forbidden; prometheus: connection "
                                    + "refused\",\"errorType\":\"ToolExecutionError\"}"),
                    exchange("POST /api/v1/investigations/outcome", Request.Method.POST,
                            "/api/v1/investigations/outcome", "application/json",
                            "{\"result\":\"success\",\"toolsetsUsed\":[\"kubernetes/core\"]}"),
                    exchange("POST /api/v1/investigations/outcome", Request.Method.POST,
                            "/api/v1/investigations/outcome", "application/json",
                            "{\"result\":\"failure\",\"error\":\"LLM answer unparsable\"}"),
                    exchange("POST /api/v1/investigations/outcome", Request.Method.POST,
                            "/api/v1/investigations/outcome", "application/json", "{\"result\":\"failure\"}"),
                    // Problems, each against its operation's documented answer.
                    exchange("GET /api/v1/toolsets/{name}", Request.Method.GET, "/api/v1/toolsets/caf%C3%A9"),
                    exchange("GET /api/v1/toolsets/{name}", Request.Method.GET, "/api/v1/toolsets/aws%2Fs3"),
                    exchange("GET /api/v1/sessions/{id}", Request.Method.GET, "/api/v1/sessions/never"),
                    exchange("DELETE /api/v1/sessions/{id}", Request.Method.DELETE, "/api/v1/sessions/never"),
                    exchange("GET /api/v1/history/{generation}", Request.Method.GET, "/api/v1/history/7"),
                    exchange("GET /api/v1/history/{generation}", Request.Method.GET, "/api/v1/history/first"),
                    exchange("GET /api/v1/diff", Request.Method.GET, "/api/v1/diff?from=1&to=9"),
                    exchange("GET /api/v1/diff", Request.Method.GET, "/api/v1/diff?from=1"),
                    exchange("POST /api/v1/toolsets/{name}/failures", Request.Method.POST,
                            "/api/v1/toolsets/kubernetes%2Fcore/failures", "application/json", "{\"errorType\": 7}"),
                    exchange("POST /api/v1/toolsets/{name}/failures", Request.Method.POST,
                            "/api/v1/toolsets/kubernetes%2Fcore/failures", "application/json",
                            "{\"errorMessage\":\"" + "x".repeat(70_000) + "\"}"),
                    exchange("POST /api/v1/validate", Request.Method.POST, "/api/v1/validate", "application/json", "{}"));

            List<String> wrong = new ArrayList<>();
            Set<String> exercised = new TreeSet<>();
            for (Exchange exchange : exchanges) {
                HttpResponse<String> answer = send(api, exchange, true);
                exercised.add(exchange.operation());
                // A request the document itself refuses (a wrong type, a wrong media type) is checked for its answer only.
                check(validator, exchange, answer, true, answer.statusCode() < 400 || answer.statusCode() == 404, wrong);
            }
            // Without the token, a read and a write are refused as documented.
            for (Exchange exchange : List.of(exchanges.get(0), exchanges.get(7))) {
                check(validator, exchange, send(api, exchange, false), false, false, wrong);
            }

            // A read asked again with the ETag it answered is 304 with no body, as documented.
            for (Exchange exchange : List.of(exchanges.get(0), exchanges.get(1))) {
                checkNotModified(api, validator, exchange, wrong);
            }
            // The event stream never ends: its status, headers and first event are checked, then it is closed.
            exercised.add("GET " + EventRoutes.PATH);
            checkEventStream(api, validator, true, wrong);
            checkEventStream(api, validator, false, wrong);

            assertEquals(List.of(), wrong, () -> String.join("\n", wrong));
            assertEquals(documentedOperations(document), exercised);
        }
    }

    private static Exchange exchange(String operation, Request.Method method, String path) {
        return new Exchange(operation, method, path, null, null);
    }

    private static Exchange exchange(String operation, Request.Method method, String path, String type, String body) {
        return new Exchange(operation, method, path, type, body);
    }

    private static HttpResponse<String> send(ApiFixture api, Exchange exchange, boolean withToken) throws Exception {
        HttpRequest.Builder request = api.request(exchange.path());
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        if (exchange.contentType() != null) {
            request.header("Content-Type", exchange.contentType());
        }
        HttpRequest.BodyPublisher body = exchange.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(exchange.body(), StandardCharsets.UTF_8);
        return api.client.send(request.method(exchange.method().name(), body).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void check(OpenApiInteractionValidator validator, Exchange exchange, HttpResponse<String> answer,
                              boolean withToken, boolean wholeExchange, List<String> wrong) {
        // The validator takes the query apart from the path.
        String[] pathAndQuery = exchange.path().split("\\?", 2);
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), pathAndQuery[0]);
        if (pathAndQuery.length > 1) {
            for (String parameter : pathAndQuery[1].split("&")) {
                String[] nameAndValue = parameter.split("=", 2);
                request.withQueryParam(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
            }
        }
        if (withToken) {
            request.withAuthorization("Bearer " + TOKEN);
        }
        if (exchange.contentType() != null) {
            request.withContentType(exchange.contentType()).withBody(exchange.body());
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode());
        answer.headers().map().forEach(response::withHeader);
        if (!answer.body().isEmpty()) {
            response.withBody(answer.body());
        }
        ValidationReport report = wholeExchange ? validator.validate(request.build(), response.build())
                : validator.validateResponse(pathAndQuery[0], exchange.method(), response.build());
        if (report.hasErrors()) {
            wrong.add(exchange.method() + " " + exchange.path() + (withToken ? "" : " (no token)") + " -> "
                    + answer.statusCode() + ": " + report.getMessages().stream()
                    .map(m -> m.getKey() + " " + m.getMessage()).collect(Collectors.joining("; ")));
        }
        if (!withToken && answer.statusCode() != 401) {
            wrong.add(exchange.path() + " without the token answered " + answer.statusCode());
        }
    }

    private static void checkNotModified(ApiFixture api, OpenApiInteractionValidator validator, Exchange exchange,
                                         List<String> wrong) throws Exception {
        HttpRequest.Builder first = api.request(exchange.path()).header("Authorization", "Bearer " + TOKEN);
        String tag = api.client.send(first.GET().build(), HttpResponse.BodyHandlers.ofString())
                .headers().firstValue("ETag").orElse(null);
        if (tag == null) {
            wrong.add(exchange.path() + " answered without an ETag");
            return;
        }
        HttpRequest again = api.request(exchange.path()).header("Authorization", "Bearer " + TOKEN)
                .header("If-None-Match", tag).GET().build();
        HttpResponse<String> answer = api.client.send(again, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 304 || !answer.body().isEmpty()) {
            wrong.add(exchange.path() + " with If-None-Match " + tag + " answered " + answer.statusCode() + " "
                    + answer.body());
        }
        SimpleRequest request = new SimpleRequest.Builder(exchange.method(), exchange.path())
                .withAuthorization("Bearer " + TOKEN).withHeader("If-None-Match", tag).build();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode());
        answer.headers().map().forEach(response::withHeader);
        report(validator.validate(request, response.build()), exchange.path() + " (If-None-Match)", answer, wrong);
    }

    /**
     * Opens the stream with a Last-Event-ID newer than any event, so that it starts with a resync
     * event at once; the opening comment and that first event stand for the body.
     */
    private static void checkEventStream(ApiFixture api, OpenApiInteractionValidator validator, boolean withToken,
                                         List<String> wrong) throws Exception {
        HttpRequest.Builder request = api.request(EventRoutes.PATH).header("Last-Event-ID", "999999");
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        HttpResponse<Stream<String>> answer = api.client.send(request.GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        StringBuilder body = new StringBuilder();
        try (Stream<String> lines = answer.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                // The opening comment block is skipped over; the first event ends the read.
                if (line.isEmpty() && body.toString().contains("event:")) {
                    break;
                }
                body.append(line).append('\n');
            }
        }
        SimpleRequest.Builder sent = new SimpleRequest.Builder(Request.Method.GET, EventRoutes.PATH)
                .withHeader("Last-Event-ID", "999999");
        if (withToken) {
            sent.withAuthorization("Bearer " + TOKEN);
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode()).withBody(body.toString());
        answer.headers().map().forEach(response::withHeader);
        String what = EventRoutes.PATH + (withToken ? "" : " (no token)");
        report(withToken ? validator.validate(sent.build(), response.build())
                : validator.validateResponse(EventRoutes.PATH, Request.Method.GET, response.build()),
                what, null, wrong);
        if (withToken && (answer.statusCode() != 200 || !body.toString().contains("event: resync"))) {
            wrong.add(what + " answered " + answer.statusCode() + " starting with " + body);
        }
        if (!withToken && answer.statusCode() != 401) {
            wrong.add(what + " answered " + answer.statusCode());
        }
    }

    private static void report(ValidationReport report, String what, HttpResponse<String> answer,
                               List<String> wrong) {
        if (report.hasErrors()) {
            wrong.add(what + (answer == null ? "" : " -> " + answer.statusCode()) + ": " + report.getMessages()
                    .stream().map(m -> m.getKey() + " " + m.getMessage()).collect(Collectors.joining("; ")));
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedOperations(String document) {
        Map<String, Object> doc = new Yaml().load(document);
        Set<String> operations = new TreeSet<>();
        ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, item) -> item.keySet().stream()
                .filter(key -> Set.of("get", "put", "post", "delete", "patch", "head").contains(key))
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }
}
