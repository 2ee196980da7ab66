package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.application.testing.Await;

class LifecycleTest {

    @Test
    void startsOnAFreePortAndAnIdleStopDoesNotWaitForTheGracePeriod() throws Exception {
        ApiFixture api = ApiFixture.started();
        assertTrue(api.server.port() > 0);
        api.get("/healthz").json(200);

        // A bound, not a grade: with nothing in flight, stop returns well before the grace a busy request gets.
        CompletableFuture.runAsync(api.server::stop).get(HttpApiServer.STOP_TIMEOUT.toMillis() / 2,
                TimeUnit.MILLISECONDS);
        api.server.stop();
        assertThrows(IllegalStateException.class, api.server::start);
        assertThrows(ConnectException.class, () -> connectionFailure(api));
    }

    @Test
    void stopLetsARequestInFlightFinishAndRefusesNewOnes() throws Exception {
        CountDownLatch readStarted = new CountDownLatch(1);
        CountDownLatch releaseRead = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        ApiFixture api = ApiFixture.builder().sourceWrapper(source -> () -> {
            SourceRead read = source.read();
            if (armed.get()) {
                readStarted.countDown();
                awaitQuietly(releaseRead);
            }
            return read;
        }).start();
        armed.set(true);

        CompletableFuture<ApiFixture.Response> inFlight = api.sendAsync(api.request("/api/v1/reload")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertTrue(readStarted.await(10, TimeUnit.SECONDS), "the reload never reached the config source");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(api.server::stop);

        assertReadinessOffOrRefused(api);
        // Longer than the grace given to idle connections: a busy one must not be cut.
        assertThrows(TimeoutException.class, () -> stopping.get(500, TimeUnit.MILLISECONDS),
                "stop returned while a request was still in flight");
        releaseRead.countDown();

        ApiFixture.Response response = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals("config_unchanged", response.json(200).get("result").asText());
        stopping.get(HttpApiServer.STOP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }

    @Test
    void stopIsBoundedWhenARequestNeverFinishes() throws Exception {
        CountDownLatch readStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        Duration bound = Duration.ofMillis(300);
        ApiFixture api = ApiFixture.builder().stopTimeout(bound).sourceWrapper(source -> () -> {
            SourceRead read = source.read();
            if (armed.get()) {
                readStarted.countDown();
                awaitQuietly(never);
            }
            return read;
        }).start();
        armed.set(true);
        CompletableFuture<ApiFixture.Response> stuck = api.sendAsync(api.request("/api/v1/reload")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertTrue(readStarted.await(10, TimeUnit.SECONDS), "the reload never reached the config source");

        // Cutting the request off is logged by Javalin (ERROR) and by the server (WARN): captured, asserted.
        List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("io.javalin.Javalin"),
                (Logger) LoggerFactory.getLogger(HttpApiServer.class));
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        loggers.forEach(logger -> {
            logger.addAppender(captured);
            logger.setAdditive(false);
        });
        try {
            // Bounded: a stop that waited for the stuck request would never return.
            CompletableFuture.runAsync(api.server::stop).get(bound.toMillis() + HttpApiServer.STOP_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } finally {
            loggers.forEach(logger -> {
                logger.detachAppender(captured);
                logger.setAdditive(true);
            });
        }
        // The server gave up on the request at its bound: it says so, rather than a stop that never waited.
        assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().equals("http_api_stop_not_graceful")),
                captured.list::toString);
        never.countDown();
        assertThrows(ExecutionException.class, () -> stuck.get(10, TimeUnit.SECONDS));
    }

    @Test
    void markShuttingDownTurnsReadinessOffAndKeepsServing() {
        try (ApiFixture api = ApiFixture.started()) {
            assertTrue(api.get("/readyz").json(200).get("ready").asBoolean());

            api.server.markShuttingDown();

            ApiFixture.Response readiness = api.get("/readyz");
            assertEquals(503, readiness.status());
            assertEquals("shutting down", readiness.parsed().get("reason").asText());
            api.get("/healthz").json(200);
            api.get("/api/v1/toolsets").json(200);
        }
    }

    private static void assertReadinessOffOrRefused(ApiFixture api) {
        // Between markShuttingDown and the connector closing, /readyz says 503; afterwards nothing connects.
        Await.until(Duration.ofSeconds(5), () -> {
            try {
                return api.get("/readyz").status() == 503;
            } catch (RuntimeException refused) {
                return true;
            }
        }, () -> "readiness stayed on after stop began");
    }

    private static Throwable connectionFailure(ApiFixture api) throws Throwable {
        try {
            api.client.sendAsync(api.request("/healthz").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
        return null;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
