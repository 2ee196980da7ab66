package com.example.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.Await;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.LogCapture;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.ToolsetName;

/** The webhook listener against a real HTTP receiver on a free port, fed by the real core. */
class WebhookEventListenerTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private HttpServer receiver;
    private volatile int status = 204;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void postsThresholdRejectionAndApplyFromTheRealCore() throws InterruptedException {
        WebhookEventListener webhook = new WebhookEventListener(hookUri(), client, Duration.ofSeconds(5));
        InMemoryConfigSource source = new InMemoryConfigSource("kubernetes\nprometheus\n");
        ToolsetConfigCore core = ToolsetConfigCore.builder()
                .configSource(source)
                .configDecoder(new LineDecoder())
                .clock(MutableClock.atEpochPlusOneDay())
                .structuredLogging(false)
                .eventListener(webhook)
                .build();

        core.reloads().startup();
        String applied = next();
        source.write("!broken\n");
        ToolsetName prometheus = ToolsetName.of("prometheus");
        for (int i = 0; i < 3; i++) {
            core.outcomes().recordFailure(RecordFailureCommand.of(prometheus, "Timeout", "read \"timed\" out"));
        }
        // Two posts of one call travel on their own; sort them so the assertions do not depend on arrival order.
        List<String> afterThreshold = java.util.stream.Stream.of(next(), next())
                .sorted(java.util.Comparator.comparing((String body) -> body.contains("reload_failed")))
                .toList();
        core.reloads().reload(ReloadTrigger.MANUAL); // the same rejected bytes: not posted again
        source.write("kubernetes\nprometheus priority=5\n");
        core.reloads().reload(ReloadTrigger.MANUAL);
        String secondApply = next();

        assertTrue(applied.startsWith("application/json {\"event\":\"toolset_config_applied\",\"generation\":1,"),
                applied);
        assertTrue(applied.contains("\"changedToolsets\":[\"kubernetes\",\"prometheus\"]"), applied);
        assertTrue(afterThreshold.get(0).contains("\"event\":\"toolset_max_failures_reached_triggering_auto_reload\","
                + "\"toolset\":\"prometheus\",\"consecutiveFailures\":3,"), afterThreshold.get(0));
        assertTrue(afterThreshold.get(1).contains("\"event\":\"toolset_config_reload_failed\","
                + "\"trigger\":\"failure_threshold\",\"result\":\"validation_failed\",\"detail\":\""),
                afterThreshold.get(1));
        assertTrue(secondApply.contains("\"generation\":2,") && secondApply.contains("[\"prometheus\"]"), secondApply);
        awaitTrue(() -> webhook.delivered() == 4);
        assertEquals(0, webhook.failed());
        assertEquals(List.of(), drain(), "nothing else was posted");
    }

    @Test
    void anUnreachableReceiverIsCountedAndNeverThrows() throws IOException {
        // Bound but not listening: refused, and the port stays ours (a closed one could be taken meanwhile).
        try (Socket reserved = new Socket(); LogCapture log = LogCapture.of(WebhookEventListener.class.getName())) {
            reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            WebhookEventListener webhook = new WebhookEventListener(
                    URI.create("http://127.0.0.1:" + reserved.getLocalPort() + "/hook"), client, Duration.ofSeconds(2));

            webhook.onEvent(new org.toolsetconfig.application.port.out.ToolsetEvent.FailureThresholdReached(
                    ToolsetName.of("kubernetes/core"), 3, 3, "Timeout", "timed out", java.time.Instant.EPOCH));

            awaitTrue(() -> webhook.failed() == 1);
            assertEquals(0, webhook.delivered());
            awaitTrue(() -> deliveryFailures(log) == 1);
        }
    }

    private static long deliveryFailures(LogCapture log) {
        return log.events().stream().filter(e -> e.getLevel() == Level.WARN
                && e.getMessage().startsWith("webhook_delivery_failed")).count();
    }

    @Test
    void aRefusingReceiverCountsAsFailed() {
        status = 500;
        WebhookEventListener webhook = new WebhookEventListener(hookUri(), client, Duration.ofSeconds(5));

        try (LogCapture log = LogCapture.of(WebhookEventListener.class.getName())) {
            webhook.onEvent(new org.toolsetconfig.application.port.out.ToolsetEvent.FailureThresholdReached(
                    ToolsetName.of("kubernetes/core"), 3, 3, "Timeout", "timed out", java.time.Instant.EPOCH));

            awaitTrue(() -> webhook.failed() == 1);
            assertEquals(0, webhook.delivered());
            awaitTrue(() -> deliveryFailures(log) == 1);
        }
    }

    @Test
    void onlyHttpWebhooksAreAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> new WebhookEventListener(URI.create("file:///tmp/hook"), client, Duration.ofSeconds(1)));
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", WebhookMessage.quote("a\"b\\c\nd\u0001"));
    }

    private URI hookUri() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    private String next() throws InterruptedException {
        String body = received.poll(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(body, "no post within " + BOUND);
        return body;
    }

    private List<String> drain() {
        List<String> rest = new ArrayList<>();
        received.drainTo(rest);
        return rest;
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Await.until(BOUND, condition);
    }
}
