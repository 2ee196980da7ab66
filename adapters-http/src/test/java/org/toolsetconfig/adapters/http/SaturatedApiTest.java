package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.out.SourceRead;

/**
 * Issue 19, item 3: with every API request stuck (here, manual re-checks behind a file read that
 * does not return), more of them than the pool has workers, health and readiness still answer,
 * because API requests may use only part of the pool and the rest wait without a thread.
 */
class SaturatedApiTest {

    private static final int WORKERS = 16;

    @Test
    void healthAndReadinessAnswerWhileEveryApiRequestIsStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch readStarted = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        List<CompletableFuture<ApiFixture.Response>> stuck = new ArrayList<>();
        try (ApiFixture api = ApiFixture.builder().bodyDeadlineAndThreads(Duration.ofSeconds(10), WORKERS)
                .sourceWrapper(source -> () -> {
                    SourceRead read = source.read();
                    if (armed.get()) {
                        readStarted.countDown();
                        awaitQuietly(release);
                    }
                    return read;
                }).start()) {
            armed.set(true);
            for (int i = 0; i < 2 * WORKERS; i++) {
                stuck.add(api.sendAsync(api.request("/api/v1/reload").POST(HttpRequest.BodyPublishers.noBody())));
            }
            assertTrue(readStarted.await(10, TimeUnit.SECONDS), "no re-check reached the file");

            long started = System.nanoTime();
            for (String path : List.of("/healthz", "/readyz", "/healthz")) {
                ApiFixture.Response answer = api.send(api.request(path).timeout(Duration.ofSeconds(3)).GET());
                assertEquals(200, answer.status(), path + ": " + answer.body());
            }
            assertEquals(200, api.send(api.request("/metrics").timeout(Duration.ofSeconds(3)).GET()).status());
            long answeredMillis = (System.nanoTime() - started) / 1_000_000;

            release.countDown();
            for (CompletableFuture<ApiFixture.Response> request : stuck) {
                assertEquals(200, request.get(30, TimeUnit.SECONDS).status());
            }
            System.out.println("[reliability] http.saturated_api stuck_requests=" + stuck.size() + " workers="
                    + WORKERS + " health_readiness_metrics_answered_ms=" + answeredMillis);
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
