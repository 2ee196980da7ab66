package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real client of the event stream: the JDK's HttpClient, read line by line on its own thread. */
final class SseReader implements AutoCloseable {

    /** One event as the client parsed it; {@code id} is null when the frame had no id line. */
    record Event(String id, String name, String data) {
        JsonNode json() {
            try {
                return ApiFixture.JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }

        long number() {
            assertNotNull(id, () -> name + " has no id");
            return Long.parseLong(id);
        }
    }

    final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    private SseReader(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseReader open(ApiFixture api, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base.resolve("/api/v1/events"))
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = api.client.send(request.build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertEquals("text/event-stream;charset=utf-8", response.headers().firstValue("Content-Type")
                    .orElse("").replace(" ", "").toLowerCase());
            return new SseReader(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (name != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (RuntimeException e) {
            // The connection was closed under the reader; the test sees it as the end.
        } finally {
            ended.countDown();
        }
    }

    /** The next event, waiting up to 10 s. */
    Event next() {
        try {
            Event event = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(event, "no event within 10 s");
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next comment line, waiting up to 10 s. */
    String nextComment() {
        try {
            String comment = comments.poll(10, TimeUnit.SECONDS);
            assertNotNull(comment, "no comment within 10 s");
            return comment;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server ended the stream within 10 s. */
    boolean endsWithin10s() throws InterruptedException {
        return ended.await(10, TimeUnit.SECONDS);
    }

    /** Events received and not yet taken. */
    int pending() {
        return events.size();
    }

    @Override
    public void close() {
        response.body().close();
    }
}
