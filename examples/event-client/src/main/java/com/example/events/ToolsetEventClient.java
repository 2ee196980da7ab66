package com.example.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows a Toolset Config Service's {@code GET /api/v1/events} with nothing but the JDK's
 * {@link HttpClient}, and keeps a fresh copy of {@code GET /api/v1/toolsets}:
 *
 * <ul>
 *   <li>reads the toolsets once at start, and again on {@code config_applied} and {@code resync}
 *       (with {@code If-None-Match}, so an unchanged answer is a 304 without a body);</li>
 *   <li>when the stream ends (the service stops, restarts, or the network drops), reconnects after a
 *       backoff that doubles up to a cap, sending {@code Last-Event-ID}: the service replays what it
 *       still holds, or says {@code resync} (a restarted service holds nothing of the old run), and
 *       the client re-reads the toolsets.</li>
 * </ul>
 *
 * One thread follows the stream; {@link #close()} ends it.
 */
public final class ToolsetEventClient implements AutoCloseable {

    /** One event as the stream sent it; {@code id} is empty for an event without one ({@code resync} after a cut). */
    public record Event(Optional<String> id, String name, String data) {
    }

    private final URI base;
    private final Optional<String> token;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Consumer<Event> onEvent;
    private final Consumer<String> onToolsets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread follower;

    private volatile boolean closed;
    private volatile String lastEventId;
    private volatile String toolsets;
    private volatile String etag;
    private volatile int connections;

    /**
     * A client of the service at {@code base} ({@code http://host:8080}); {@code token} is the bearer
     * token when the service wants one. {@code onEvent} sees every event, {@code onToolsets} every new
     * body of the toolsets; both run on the client's thread.
     */
    public ToolsetEventClient(URI base, Optional<String> token, Duration firstBackoff, Duration maxBackoff,
                              Consumer<Event> onEvent, Consumer<String> onToolsets) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = Objects.requireNonNull(token, "token");
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        this.onEvent = Objects.requireNonNull(onEvent, "onEvent");
        this.onToolsets = Objects.requireNonNull(onToolsets, "onToolsets");
        this.follower = new Thread(this::follow, "toolset-event-client");
        follower.setDaemon(true);
    }

    /** Starts following the stream. */
    public void start() {
        follower.start();
    }

    /** The id of the last event read, which a reconnect sends as {@code Last-Event-ID}. */
    public Optional<String> lastEventId() {
        return Optional.ofNullable(lastEventId);
    }

    /** The last body of {@code GET /api/v1/toolsets} read, once one was. */
    public Optional<String> toolsets() {
        return Optional.ofNullable(toolsets);
    }

    /** How many times the stream was opened (answered 200), the first time included. */
    public int connections() {
        return connections;
    }

    /** Stops following; waits up to 5 s for the thread to end. */
    @Override
    public void close() {
        closed = true;
        // A read blocked on the stream ends when its thread is interrupted.
        follower.interrupt();
        try {
            follower.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        Duration backoff = firstBackoff;
        while (!closed) {
            try {
                if (toolsets == null) {
                    readToolsets();
                }
                if (stream()) {
                    backoff = firstBackoff;
                }
            } catch (IOException e) {
                // Refused, reset, or a 429/503: try again after the backoff.
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** Reads one connection to its end; true when it was opened at all. */
    private boolean stream() throws IOException, InterruptedException {
        HttpRequest.Builder request = request("/api/v1/events").header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IOException("the stream answered " + response.statusCode());
            }
            connections++;
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while (!closed && (line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        dispatch(new Event(Optional.ofNullable(id), name, data.toString()));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    name = value(line);
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(value(line));
                }
                // A line starting with ':' is a comment: the keep-alive.
            }
        }
        return true;
    }

    private void dispatch(Event event) throws IOException, InterruptedException {
        onEvent.accept(event);
        if (event.name().equals("config_applied") || event.name().equals("resync")) {
            readToolsets();
        }
        // Only now: when the re-read fails, the reconnect asks for this event again.
        event.id().ifPresent(id -> lastEventId = id);
    }

    private void readToolsets() throws IOException, InterruptedException {
        HttpRequest.Builder request = request("/api/v1/toolsets");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 304) {
            return;
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/v1/toolsets answered " + response.statusCode());
        }
        etag = response.headers().firstValue("ETag").orElse(null);
        toolsets = response.body();
        onToolsets.accept(toolsets);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
