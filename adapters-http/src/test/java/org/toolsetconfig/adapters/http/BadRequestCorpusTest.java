package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A corpus of bad requests, sent as raw bytes on a socket so that nothing in a client library can
 * tidy them up: malformed and truncated JSON, wrong types, oversized and smuggled bodies, hostile
 * toolset names and session ids, wrong methods and content types, missing, wrong and malformed
 * bearer tokens, broken HTTP. Each one must get a 4xx with an {@code application/problem+json}
 * body and never a 500; the counters, sessions, snapshot and file reads must be exactly as before;
 * and the server must answer normally afterwards.
 */
class BadRequestCorpusTest {

    private static final String TOKEN = "s3cret-token";
    private static final String AUTH = "Authorization: Bearer " + TOKEN + "\r\n";
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

    private static ApiFixture api;
    private static final Map<Integer, Integer> BY_STATUS = new TreeMap<>();

    /** One bad request: a label and its exact bytes; {@code expected} is the exact status, or 0 for any 4xx. */
    private record Bad(String label, byte[] request, int expected) {
    }

    @BeforeAll
    static void start() {
        api = ApiFixture.builder().token(TOKEN).start();
        // Some state to protect: a tracked toolset and an open session.
        api.send(api.request("/api/v1/toolsets/kubernetes/core/failures").header("Authorization", "Bearer " + TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).json(200);
        api.send(api.request("/api/v1/sessions/inv-1").header("Authorization", "Bearer " + TOKEN)
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())).json(201);
    }

    @AfterAll
    static void stop() {
        api.close();
        System.out.println("[reliability] http.bad_requests statuses=" + BY_STATUS);
    }

    private static Bad request(String label, String method, String target, String headers, byte[] body, int expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return new Bad(label, out.toByteArray(), expected);
    }

    private static Bad json(String label, String target, String body, int expected) {
        return request(label, "POST", target, AUTH + "Content-Type: application/json\r\n",
                body.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static Bad raw(String label, String bytes) {
        return new Bad(label, bytes.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    static List<Bad> corpus() {
        List<Bad> corpus = new ArrayList<>();
        String failures = "/api/v1/toolsets/kubernetes/core/failures";
        // --- malformed and truncated JSON ---
        for (String body : List.of("{", "{\"errorType\":", "{\"errorType\": \"x\"", "{\"a\":1}}", "[", "nul",
                "{\"errorType\": \"x\",}", "{'errorType': 'x'}", "{\"errorType\": \"x\" \"y\"}", "\u0000",
                "{\"errorType\":\"a\",\"errorType\":\"b\"}", "{} {}", "{\"errorType\": \"\\x41\"}",
                "{\"errorMessage\": \"unterminated", "{\"errorType\": 01}", "{\"errorType\": NaN}")) {
            corpus.add(json("malformed JSON " + body.replace('\u0000', '0'), failures, body, 400));
        }
        corpus.add(json("JSON nested 10 000 deep", failures, "[".repeat(10_000), 400));
        corpus.add(json("a number of 50 000 digits", failures, "{\"errorType\": " + "1".repeat(50_000) + "}", 400));
        corpus.add(request("invalid UTF-8 in JSON", "POST", failures, AUTH + "Content-Type: application/json\r\n",
                new byte[] {'{', '"', 'e', 'r', 'r', 'o', 'r', 'T', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
                        '"', '}'}, 400));
        // --- wrong types ---
        for (String body : List.of("[]", "\"x\"", "42", "true", "{\"errorType\": 42}", "{\"errorType\": {}}",
                "{\"errorMessage\": []}", "{\"errorType\": true}", "{\"errorMessage\": 1.5e300}")) {
            corpus.add(json("wrong type " + body, failures, body, 400));
        }
        // --- oversized bodies ---
        corpus.add(json("a JSON body of 64 KiB + 1", failures, "{\"errorMessage\": \"" + "x".repeat(65_536) + "\"}", 413));
        corpus.add(request("a YAML document of 1 MiB to validate", "POST", "/api/v1/validate",
                AUTH + "Content-Type: application/yaml\r\n", "a".repeat(1_048_576).getBytes(StandardCharsets.UTF_8), 413));
        corpus.add(raw("a chunked body of 100 KiB", "POST " + failures + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n" + AUTH + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunks("{\"errorMessage\": \"" + "y".repeat(102_400) + "\"}") + "0\r\n\r\n"));
        corpus.add(request("a declared length of 10 GB", "POST", failures, AUTH + "Content-Type: application/json\r\n"
                + "Content-Length: 10000000000\r\n", null, 413));
        // --- hostile names and ids ---
        String tenThousand = "a".repeat(10_000);
        for (String name : List.of("..", "a/..", "../etc/passwd", "%2e%2e", "a%2F..%2F..%2Fetc", "a%00b", "%00",
                "a%0Ab", "a%0Db", "a%09b", "a%1Bb", "a%7Fb", "k%C3%BCbernetes", "%F0%9F%98%80", "a%20b", "-a", "a-",
                ".a", "a.", "a//b", "a%5Cb", "a;b", "%", "%ZZ", "%C3%28", "a".repeat(129), tenThousand,
                "%E2%80%AEevil", "a%22b", "a%3Cscript%3E")) {
            String label = name.length() > 40 ? name.length() + " characters" : name;
            corpus.add(request("failure for toolset " + label, "POST", "/api/v1/toolsets/" + name + "/failures", AUTH,
                    new byte[0], 0));
            corpus.add(request("success for toolset " + label, "POST", "/api/v1/toolsets/" + name + "/successes", AUTH,
                    new byte[0], 0));
            corpus.add(request("read toolset " + label, "GET", "/api/v1/toolsets/" + name, AUTH, null, 0));
        }
        for (String id : List.of("..", "%2e%2e", "a%00", "a%0A", "a/b", "a%2Fb", "a%20b", "%C3%A9", "a".repeat(129),
                tenThousand, "%", "a%3Bb")) {
            String label = id.length() > 40 ? id.length() + " characters" : id;
            corpus.add(request("register session " + label, "PUT", "/api/v1/sessions/" + id, AUTH, new byte[0], 0));
            corpus.add(request("read session " + label, "GET", "/api/v1/sessions/" + id, AUTH, null, 0));
            corpus.add(request("end session " + label, "DELETE", "/api/v1/sessions/" + id, AUTH, null, 0));
        }
        corpus.add(request("end a session that does not exist", "DELETE", "/api/v1/sessions/never-registered", AUTH,
                null, 404));
        corpus.add(request("read a toolset that does not exist", "GET", "/api/v1/toolsets/aws/s3", AUTH, null, 404));
        // --- wrong methods and routes ---
        corpus.add(request("DELETE the toolset list", "DELETE", "/api/v1/toolsets", AUTH, null, 405));
        corpus.add(request("PUT reload", "PUT", "/api/v1/reload", AUTH, new byte[0], 405));
        corpus.add(request("GET reload", "GET", "/api/v1/reload", AUTH, null, 405));
        corpus.add(request("PATCH a session", "PATCH", "/api/v1/sessions/inv-1", AUTH, new byte[0], 405));
        corpus.add(request("POST healthz", "POST", "/healthz", "", new byte[0], 405));
        corpus.add(request("DELETE metrics", "DELETE", "/metrics", "", null, 405));
        corpus.add(request("GET failures of a toolset", "GET", "/api/v1/toolsets/kubernetes/core/failures", AUTH, null, 0));
        corpus.add(request("an unknown route", "GET", "/api/v2/toolsets", "", null, 404));
        corpus.add(request("an unknown method", "BREW", "/api/v1/status", "", null, 0));
        corpus.add(request("TRACE", "TRACE", "/api/v1/status", "", null, 0));
        // --- wrong content types ---
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", ";;;", "application/json-patch", "text/json")) {
            corpus.add(request("failure body as " + type, "POST", failures, AUTH + "Content-Type: " + type + "\r\n",
                    "{\"errorType\": \"x\"}".getBytes(StandardCharsets.UTF_8), 415));
        }
        corpus.add(request("validate as JSON", "POST", "/api/v1/validate", AUTH + "Content-Type: application/json\r\n",
                "{}".getBytes(StandardCharsets.UTF_8), 415));
        corpus.add(request("JSON declared as UTF-16 but UTF-8", "POST", failures,
                AUTH + "Content-Type: application/json; charset=utf-16\r\n",
                "{\"errorType\": 7}".getBytes(StandardCharsets.UTF_8), 400));
        // --- missing, wrong and malformed bearer tokens, on every write and a read ---
        List<String> writes = List.of("POST " + failures, "POST /api/v1/toolsets/kubernetes/core/successes",
                "POST /api/v1/reload", "POST /api/v1/validate", "PUT /api/v1/sessions/new-one",
                "DELETE /api/v1/sessions/inv-1", "GET /api/v1/status");
        List<String> badAuth = List.of("", "Authorization: Bearer\r\n", "Authorization: Bearer \r\n",
                "Authorization: Basic dXNlcjpwYXNz\r\n", "Authorization: Bearer wrong\r\n",
                "Authorization: Bearer " + TOKEN + "-extra\r\n", "Authorization: Bearer " + TOKEN.substring(1) + "\r\n",
                "Authorization: " + TOKEN + "\r\n", "Authorization: Bearer " + "t".repeat(6000) + "\r\n",
                "Authorization: Bearer \u00e9t\u00e9\r\n", "Authorization: Token " + TOKEN + "\r\n",
                "Authorization: Bearer%20" + TOKEN + "\r\n");
        for (String write : writes) {
            String[] parts = write.split(" ", 2);
            for (String auth : badAuth) {
                corpus.add(request(write + " with '" + (auth.length() > 40 ? auth.substring(0, 40) : auth.strip())
                        + "'", parts[0], parts[1], auth, parts[0].equals("GET") ? null : new byte[0], 401));
            }
        }
        // --- broken HTTP ---
        corpus.add(raw("a garbage request line", "GARBAGE\r\n\r\n"));
        corpus.add(raw("no Host header", "GET /api/v1/status HTTP/1.1\r\nConnection: close\r\n\r\n"));
        corpus.add(raw("a bad Content-Length", "POST " + failures + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + AUTH + "Content-Length: abc\r\n\r\n"));
        corpus.add(raw("a negative Content-Length", "POST " + failures + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + AUTH + "Content-Length: -5\r\n\r\n"));
        corpus.add(raw("Content-Length and chunked (smuggling)", "POST " + failures + " HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n" + AUTH + "Content-Type: application/json\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
        corpus.add(raw("a bad chunk size (was a 500)", "POST " + failures + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + AUTH
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"));
        corpus.add(raw("a header of 20 KiB", "GET /api/v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
                + "b".repeat(20_480) + "\r\n\r\n"));
        corpus.add(raw("a control character in the path", "GET /api/v1/toolsets/a\u0001b HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n"));
        corpus.add(raw("a space in the path", "GET /api/v1/toolsets/a b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        // RFC 9110 15.6.6: an HTTP version the server does not speak is answered 505 (by Jetty's
        // parser, before any handler), still with a problem body. The one 5xx of the corpus.
        corpus.add(new Bad("HTTP/0.9 style", "GET /api/v1/status\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 505));
        corpus.add(raw("HTTP/2 preface on HTTP/1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        corpus.add(raw("a header without a colon", "GET /api/v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "NoColonHere\r\n\r\n"));
        corpus.add(raw("an absolute URI of another host", "GET http://example.invalid/latest/meta-data HTTP/1.1\r\n"
                + "Host: example.invalid\r\nConnection: close\r\n\r\n"));
        return corpus;
    }

    private static String chunks(String body) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < body.length(); at += 8192) {
            String chunk = body.substring(at, Math.min(body.length(), at + 8192));
            out.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return out.toString();
    }

    /** What a refused request must leave exactly as it was. */
    private static Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("failures", api.authorizedGet("/api/v1/failures").json(200).toString());
        state.put("sessions", api.authorizedGet("/api/v1/sessions").json(200).toString());
        state.put("toolsets", api.authorizedGet("/api/v1/toolsets").json(200).toString());
        state.put("status", api.authorizedGet("/api/v1/status").json(200).toString());
        state.put("file reads", String.valueOf(api.source.reads()));
        return state;
    }

    @Test
    void everyBadRequestGetsA4xxProblemAndChangesNothing() throws IOException {
        List<Bad> corpus = corpus();
        List<String> wrong = new ArrayList<>();
        Map<String, String> before = state();
        for (Bad bad : corpus) {
            String response = send(bad.request());
            Matcher status = STATUS.matcher(response);
            if (!status.find()) {
                wrong.add(bad.label() + ": no HTTP status in " + clip(response));
                continue;
            }
            int code = Integer.parseInt(status.group(1));
            synchronized (BY_STATUS) {
                BY_STATUS.merge(code, 1, Integer::sum);
            }
            String lower = response.toLowerCase(Locale.ROOT);
            if (bad.expected() != 0 && bad.expected() != code) {
                wrong.add(bad.label() + ": expected " + bad.expected() + ", got " + code + " " + clip(response));
            } else if (bad.expected() == 0 && (code < 400 || code > 499)) {
                wrong.add(bad.label() + ": " + code + " " + clip(response));
            } else if (!lower.contains("\r\ncontent-type: application/problem+json")) {
                wrong.add(bad.label() + ": not a problem body: " + clip(response));
            } else if (!response.contains("\"status\":" + code) || response.contains("\tat ")
                    || response.contains("Exception")) {
                wrong.add(bad.label() + ": bad problem body: " + clip(response));
            }
            Map<String, String> after = state();
            if (!after.equals(before)) {
                wrong.add(bad.label() + " changed the service: " + before + " -> " + after);
                before = after;
            }
        }
        assertEquals(List.of(), wrong, () -> wrong.size() + " of " + corpus.size() + " bad requests were mishandled");
        assertTrue(corpus.size() >= 200, () -> "only " + corpus.size() + " bad requests");
        System.out.println("[reliability] http.bad_requests corpus=" + corpus.size());

        // The server still answers, and good requests still count.
        api.get("/healthz").json(200);
        api.send(api.request("/api/v1/toolsets/kubernetes/core/failures").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"errorType\": \"Timeout\"}"))).json(200);
        assertEquals(2, api.authorizedGet("/api/v1/toolsets/kubernetes/core").json(200).get("failures")
                .get("totalFailures").asInt());
        assertEquals(1, api.authorizedGet("/api/v1/sessions").json(200).get("sessions").size());
        assertFalse(api.authorizedGet("/api/v1/status").json(200).get("generation").isNull());
    }

    private static String send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may answer and close before reading an oversized request whole.
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String clip(String response) {
        String flat = response.replace("\r\n", " | ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
