package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private ApiFixture api;

    @AfterEach
    void stop() {
        api.close();
    }

    private ApiFixture start(EventStream.Limits limits) {
        api = ApiFixture.builder().eventLimits(limits).start();
        return api;
    }

    private static EventStream.Limits limits(int ring, int subscribers, int queue, Duration keepAlive) {
        return new EventStream.Limits(ring, subscribers, queue, keepAlive);
    }

    @Test
    void everyEventKindArrivesInOrderWithIncreasingIds() {
        start(EventStream.Limits.DEFAULTS);
        try (SseReader stream = SseReader.open(api, null)) {
            api.source.write("kubernetes/core priority=9\nnew/one\n");
            api.post("/api/v1/reload").json(200);
            api.source.write("!broken\n");
            api.post("/api/v1/reload").json(200);
            api.put("/api/v1/sessions/s1");
            api.source.write("new/one\n");
            api.post("/api/v1/reload").json(200);
            api.delete("/api/v1/sessions/s1");

            SseReader.Event applied = stream.next();
            assertEquals("config_applied", applied.name());
            JsonNode data = applied.json();
            assertEquals(List.of("generation", "checksum", "trigger", "added", "removed", "changed"), fields(data));
            assertEquals(2, data.get("generation").asLong());
            assertTrue(data.get("checksum").asText().matches("[0-9a-f]{64}"), applied.data());
            assertEquals("manual", data.get("trigger").asText());
            assertEquals("[\"new/one\"]", data.get("added").toString());
            assertEquals("[\"prometheus/metrics\"]", data.get("removed").toString());
            assertEquals("[\"kubernetes/core\"]", data.get("changed").toString());

            SseReader.Event rejected = stream.next();
            assertEquals("config_rejected", rejected.name());
            assertEquals(List.of("checksum", "trigger", "problems"), fields(rejected.json()));
            assertEquals("manual", rejected.json().get("trigger").asText());
            assertTrue(rejected.json().get("problems").get(0).get("message").asText().contains("syntax error"),
                    rejected.data());

            SseReader.Event pending = stream.next();
            assertEquals("reload_pending", pending.name());
            assertEquals(1, pending.json().get("activeSessions").asInt());
            assertEquals(List.of("checksum", "activeSessions"), fields(pending.json()));

            SseReader.Event deferredApply = stream.next();
            assertEquals("config_applied", deferredApply.name());
            assertEquals("last_session_completed", deferredApply.json().get("trigger").asText());
            assertEquals(pending.json().get("checksum"), deferredApply.json().get("checksum"));
            assertEquals("[\"kubernetes/core\"]", deferredApply.json().get("removed").toString());

            assertEquals(List.of(1L, 2L, 3L, 4L), List.of(applied.number(), rejected.number(), pending.number(),
                    deferredApply.number()));
        }
    }

    @Test
    void healthMovesArriveAndAnApplysMovesFollowItsConfigApplied() {
        start(EventStream.Limits.DEFAULTS);
        try (SseReader stream = SseReader.open(api, null)) {
            api.postJson("/api/v1/toolsets/kubernetes/core/failures", "{\"errorMessage\":\"403 Forbidden\"}")
                    .json(200);
            api.source.write("kubernetes/core\nprometheus/metrics priority=5\ngrafana/loki\n");
            api.post("/api/v1/reload").json(200);

            SseReader.Event degraded = stream.next();
            assertEquals("toolset_health_changed", degraded.name());
            assertEquals(List.of("toolset", "from", "to", "consecutiveFailures", "errorClass"),
                    fields(degraded.json()));
            assertEquals("{\"toolset\":\"kubernetes/core\",\"from\":\"healthy\",\"to\":\"degraded\","
                    + "\"consecutiveFailures\":1,\"errorClass\":\"auth\"}", degraded.data());
            assertEquals("config_applied", stream.next().name());
            SseReader.Event enabled = stream.next();
            assertEquals("toolset_health_changed", enabled.name());
            assertEquals("grafana/loki disabled healthy", enabled.json().get("toolset").asText() + " "
                    + enabled.json().get("from").asText() + " " + enabled.json().get("to").asText());
        }
    }

    @Test
    void theSameRefusedBytesAreToldOnce() {
        start(EventStream.Limits.DEFAULTS);
        try (SseReader stream = SseReader.open(api, null)) {
            api.source.write("!broken\n");
            api.post("/api/v1/reload").json(200);
            api.post("/api/v1/reload").json(200);
            api.source.write("kubernetes/core\n");
            api.post("/api/v1/reload").json(200);

            assertEquals("config_rejected", stream.next().name());
            assertEquals("config_applied", stream.next().name());
        }
    }

    @Test
    void aResumeAfterADroppedConnectionLosesNothingTheRingHolds() throws Exception {
        start(EventStream.Limits.DEFAULTS);
        String lastSeen;
        try (SseReader first = SseReader.open(api, null)) {
            applyVersion(1);
            lastSeen = first.next().id();
        }
        applyVersion(2);
        applyVersion(3);

        try (SseReader resumed = SseReader.open(api, lastSeen)) {
            assertEquals(List.of("2", "3"), List.of(resumed.next().id(), resumed.next().id()));
            applyVersion(4);
            SseReader.Event live = resumed.next();
            assertEquals("4", live.id());
            assertEquals(5, live.json().get("generation").asLong());
        }
    }

    @Test
    void anIdTheRingNoLongerHoldsOrNeverHadGetsResyncFirst() {
        start(limits(2, 10, 16, Duration.ofSeconds(15)));
        for (int version = 1; version <= 4; version++) {
            applyVersion(version);
        }
        long last = 4;
        for (String lastEventId : List.of("1", "99", "not-a-number")) {
            try (SseReader stream = SseReader.open(api, lastEventId)) {
                SseReader.Event resync = stream.next();
                assertEquals("resync", resync.name(), lastEventId);
                assertEquals(last, resync.number(), "the client is placed at the last event: " + lastEventId);
                assertEquals(last, resync.json().get("lastEventId").asLong());
                applyVersion(10 + (int) last);
                last++;
                assertEquals(last, stream.next().number(), lastEventId);
            }
        }
        try (SseReader stream = SseReader.open(api, String.valueOf(last - 2))) {
            assertEquals(List.of(last - 1, last), List.of(stream.next().number(), stream.next().number()),
                    "the ring's two events are replayed without a resync");
        }
    }

    @Test
    void aStalledSubscriberIsCutOffWhileOthersKeepReceiving() throws Exception {
        start(limits(1_000, 10, 4, Duration.ofSeconds(15)));
        try (Socket stalled = new Socket(); SseReader reading = SseReader.open(api, null)) {
            stalled.setReceiveBufferSize(4_096);
            stalled.connect(new InetSocketAddress("127.0.0.1", api.base.getPort()), 5_000);
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            waitFor(() -> api.server.eventSubscribers() == 2, "both clients to be connected");

            // Each apply adds 3 000 names and removes as many: about 100 KiB a frame, so the stalled
            // client's socket buffers fill after a few dozen and its queue of 4 after that.
            int applied = 0;
            while (api.server.eventSubscribers() == 2) {
                assertTrue(applied < 400, "the stalled client was never cut off");
                applied++;
                api.source.write(manyToolsets("v" + applied, 3_000));
                api.post("/api/v1/reload").json(200);
                SseReader.Event event = reading.next();
                assertEquals(String.valueOf(applied), event.id());
            }
            for (int more = 1; more <= 3; more++) {
                applyVersion(1_000 + more);
                assertEquals(String.valueOf(applied + more), reading.next().id(), "the reading client goes on");
            }
            assertEquals(1, api.server.eventSubscribers());
            assertTrue(readsToTheEnd(stalled.getInputStream()), "the stalled connection was closed");
        }
    }

    @Test
    void aConnectionHoldsNoThreadSoMoreClientsThanRequestThreadsAreServed() throws Exception {
        int clients = 300;
        start(limits(1_000, clients, 16, Duration.ofSeconds(15)));
        int threadsBefore = Thread.activeCount();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Socket socket = new Socket("127.0.0.1", api.base.getPort());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            waitFor(() -> api.server.eventSubscribers() == clients, "every client to be connected");
            // Jetty's request pool has at most 250 threads; one held per stream would stall before 300.
            assertTrue(Thread.activeCount() - threadsBefore < 50,
                    "threads grew from " + threadsBefore + " to " + Thread.activeCount());

            applyVersion(1);

            for (Socket socket : sockets) {
                assertTrue(readUntil(socket.getInputStream(), "event: config_applied"), "every client is told");
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void pastTheCapANewSubscriberIsAnswered429() {
        start(limits(1_000, 2, 16, Duration.ofSeconds(15)));
        try (SseReader one = SseReader.open(api, null); SseReader two = SseReader.open(api, null)) {
            JsonNode problem = api.get("/api/v1/events").problem(429, "event-subscriber-cap-reached");
            assertTrue(problem.get("detail").asText().contains("2 clients"), problem.toString());
            applyVersion(1);
            assertEquals("config_applied", one.next().name());
            assertEquals("config_applied", two.next().name());
        }
    }

    @Test
    void idleConnectionsGetAKeepAliveComment() {
        start(limits(1_000, 10, 16, Duration.ofMillis(50)));
        try (SseReader stream = SseReader.open(api, null)) {
            assertEquals(": toolset config events", stream.nextComment());
            assertEquals(": keep-alive", stream.nextComment());
            assertEquals(": keep-alive", stream.nextComment());
        }
    }

    @Test
    void shutdownSendsAFinalEventAndClosesTheStream() throws Exception {
        start(EventStream.Limits.DEFAULTS);
        SseReader stream = SseReader.open(api, null);
        applyVersion(1);
        assertEquals("1", stream.next().id());

        long started = System.nanoTime();
        api.server.stop();

        SseReader.Event last = stream.next();
        assertEquals("shutdown", last.name());
        assertEquals("2", last.id());
        assertTrue(stream.endsWithin10s(), "the stream ended");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(HttpApiServer.STOP_TIMEOUT) < 0,
                "the stop did not wait for the stream");
        assertEquals(0, stream.pending());
    }

    private void applyVersion(int version) {
        api.source.write("kubernetes/core priority=" + version + "\n");
        assertEquals("config_changed", api.post("/api/v1/reload").json(200).get("result").asText());
    }

    private static String manyToolsets(String prefix, int count) {
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < count; i++) {
            config.append(prefix).append("/toolset-with-a-long-name-").append(i).append('\n');
        }
        return config.toString();
    }

    /** Reads until the server closes (end of stream or reset), bounded by a 10 s read timeout. */
    private static boolean readsToTheEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[65_536];
        try {
            while (in.read(buffer) >= 0) {
                // Drain what the server had sent before it cut the connection.
            }
            return true;
        } catch (SocketException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    private static boolean readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4_096];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (seen.indexOf(marker) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
        }
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
