package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/** Webhooks from a real core to real receivers (the JDK's HTTP server) on loopback. */
class WebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Webhooks.Limits FAST = new Webhooks.Limits(100, Duration.ofMillis(5),
            Duration.ofSeconds(30), Duration.ofSeconds(2));

    private final InMemoryConfigSource source = new InMemoryConfigSource("kubernetes/core\n");
    private final ToolsetConfigCore core = ToolsetConfigCore.builder().configSource(source)
            .configDecoder(new LineDecoder()).clock(MutableClock.atEpochPlusOneDay())
            .settings(CoreSettings.defaults()).structuredLogging(false).build();
    private final List<Receiver> receivers = new ArrayList<>();
    private Webhooks webhooks;
    private int version;

    @AfterEach
    void stop() {
        if (webhooks != null) {
            webhooks.stop();
        }
        receivers.forEach(Receiver::close);
    }

    @Test
    void aSignedDeliveryCarriesItsEventAnIdAndTheHmacOfItsBody() throws Exception {
        Receiver receiver = receiver(attempt -> 200);
        start(new WebhookSettings(List.of(receiver.url), Optional.of("s3cret")), FAST);

        apply();
        source.write("!broken\n");
        assertTrue(core.reloads().reload(ReloadTrigger.MANUAL) instanceof ReloadOutcome.ValidationFailed);
        waitFor(() -> webhooks.count(Webhooks.Result.DELIVERED) == 2, "two deliveries");

        Request applied = receiver.requests.get(0);
        assertEquals("config_applied", applied.event);
        assertTrue(applied.delivery.matches("[0-9a-f-]{36}"), applied.delivery);
        assertEquals("sha256=" + hmac("s3cret", applied.body), applied.signature);
        JsonNode data = JSON.readTree(applied.body);
        assertEquals(2, data.get("generation").asLong());
        assertEquals("manual", data.get("trigger").asText());
        assertEquals("[\"toolset-1/core\"]", data.get("added").toString());
        assertEquals("application/json", applied.contentType);

        Request rejected = receiver.requests.get(1);
        assertEquals("config_rejected", rejected.event);
        assertEquals("sha256=" + hmac("s3cret", rejected.body), rejected.signature);
        assertFalse(rejected.delivery.equals(applied.delivery));
        assertTrue(JSON.readTree(rejected.body).get("problems").size() > 0, rejected.text());
        assertEquals(2, webhooks.count(Webhooks.Result.DELIVERED));
    }

    @Test
    void withoutASecretNothingIsSigned() {
        Receiver receiver = receiver(attempt -> 204);
        start(new WebhookSettings(List.of(receiver.url), Optional.empty()), FAST);

        apply();

        waitFor(() -> webhooks.count(Webhooks.Result.DELIVERED) == 1, "the delivery");
        assertNull(receiver.requests.get(0).signature);
    }

    @Test
    void aDeliveryThatFailsTwiceIsRetriedWithTheSameIdUntilTaken() {
        Receiver receiver = receiver(attempt -> attempt <= 2 ? 500 : 200);
        start(new WebhookSettings(List.of(receiver.url), Optional.empty()), FAST);

        apply();

        waitFor(() -> webhooks.count(Webhooks.Result.DELIVERED) == 1, "the delivery");
        assertEquals(3, receiver.requests.size());
        assertEquals(1, receiver.requests.stream().map(r -> r.delivery).distinct().count());
        assertEquals(2, webhooks.count(Webhooks.Result.RETRIED));
        assertEquals(0, webhooks.count(Webhooks.Result.FAILED));
    }

    @Test
    void afterFiveFailedAttemptsTheDeliveryIsGivenUpAndLogged() {
        Receiver receiver = receiver(attempt -> 503);
        start(new WebhookSettings(List.of(receiver.url), Optional.of("s3cret")), FAST);
        ListAppender<ILoggingEvent> captured = captureLog(() -> {
            apply();
            waitFor(() -> webhooks.count(Webhooks.Result.FAILED) == 1, "the delivery to be given up");
        });

        assertEquals(5, receiver.requests.size());
        assertEquals(4, webhooks.count(Webhooks.Result.RETRIED));
        assertEquals(1, captured.list.size());
        ILoggingEvent line = captured.list.get(0);
        assertEquals(Level.WARN, line.getLevel());
        assertEquals("webhook_delivery_failed", line.getMessage());
        String fields = String.valueOf(line.getKeyValuePairs());
        assertTrue(fields.contains("attempts=\"5\"") && fields.contains("error=\"HTTP status 503\"")
                && fields.contains("url=\"http://127.0.0.1:" + receiver.url.getPort() + "\""), fields);
        assertFalse(fields.contains("/hook") || fields.contains("s3cret"), "path and secret are not shown: " + fields);
    }

    @Test
    void eachUrlGetsItsDeliveriesInOrderEvenAcrossRetries() throws Exception {
        Receiver flaky = receiver(attempt -> attempt % 3 == 1 ? 500 : 200);
        Receiver steady = receiver(attempt -> 200);
        start(new WebhookSettings(List.of(flaky.url, steady.url), Optional.empty()), FAST);

        for (int i = 0; i < 6; i++) {
            apply();
        }

        waitFor(() -> webhooks.count(Webhooks.Result.DELIVERED) == 12, "every delivery to both");
        List<Long> expected = List.of(2L, 3L, 4L, 5L, 6L, 7L);
        assertEquals(expected, flaky.acceptedGenerations());
        assertEquals(expected, steady.acceptedGenerations());
        assertTrue(webhooks.count(Webhooks.Result.RETRIED) > 0, "the flaky receiver made the sender retry");
    }

    @Test
    void aFullQueueDropsItsOldestDeliveryAndCountsIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Receiver receiver = receiver(attempt -> {
            if (attempt == 1) {
                await(release);
            }
            return 200;
        });
        start(new WebhookSettings(List.of(receiver.url), Optional.empty()),
                new Webhooks.Limits(2, Duration.ofMillis(5), Duration.ofSeconds(30), Duration.ofSeconds(2)));

        apply();
        waitFor(() -> receiver.arrived() == 1, "the first delivery to hang in the receiver");
        for (int i = 0; i < 4; i++) {
            apply();
        }
        assertEquals(2, webhooks.count(Webhooks.Result.DROPPED));
        release.countDown();

        waitFor(() -> webhooks.count(Webhooks.Result.DELIVERED) == 3, "the kept deliveries");
        assertEquals(List.of(2L, 5L, 6L), receiver.acceptedGenerations());
    }

    @Test
    void aReceiverThatHangsDelaysNoReload() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Receiver hanging = receiver(attempt -> {
            await(release);
            return 200;
        });
        start(new WebhookSettings(List.of(hanging.url), Optional.empty()), FAST);
        apply();
        waitFor(() -> hanging.arrived() == 1, "the receiver to hold the first delivery");

        CompletableFuture<List<ReloadOutcome>> reloads = CompletableFuture.supplyAsync(() -> {
            List<ReloadOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                source.write("toolset-" + (++version) + "/core\n");
                outcomes.add(core.reloads().reload(ReloadTrigger.MANUAL));
            }
            return outcomes;
        });

        // Bounded far below the receiver's hang (until released) and the request timeout (30 s).
        List<ReloadOutcome> outcomes = reloads.get(5, TimeUnit.SECONDS);
        assertTrue(outcomes.stream().allMatch(ReloadOutcome.ConfigChanged.class::isInstance), outcomes.toString());
        assertEquals(22, core.queries().activeSnapshot().generation());
        assertEquals(1, hanging.arrived(), "the receiver still holds the first delivery");
        release.countDown();
        waitFor(() -> webhooks.count(Webhooks.Result.DELIVERED) == 21, "the queued deliveries after the release");
    }

    @Test
    void stopDrainsForABoundedTimeThenGivesUp() {
        CountDownLatch never = new CountDownLatch(1);
        Receiver hanging = receiver(attempt -> {
            await(never);
            return 200;
        });
        start(new WebhookSettings(List.of(hanging.url), Optional.empty()),
                new Webhooks.Limits(100, Duration.ofMillis(5), Duration.ofSeconds(30), Duration.ofMillis(200)));
        apply();
        apply();
        waitFor(() -> hanging.arrived() == 1, "the receiver to hold the first delivery");

        long started = System.nanoTime();
        ListAppender<ILoggingEvent> captured = captureLog(() -> {
            webhooks.stop();
            waitFor(() -> webhooks.count(Webhooks.Result.FAILED) == 1, "the delivery in flight to be given up");
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "stop took " + took);
        assertEquals("webhook_delivery_failed", captured.list.get(0).getMessage());
        assertTrue(String.valueOf(captured.list.get(0).getKeyValuePairs()).contains("abandoned at stop"),
                String.valueOf(captured.list.get(0).getKeyValuePairs()));
        assertEquals(1, webhooks.count(Webhooks.Result.DROPPED), "the waiting delivery");
        apply();
        assertEquals(2, webhooks.count(Webhooks.Result.DROPPED), "an event after the stop is not sent");
        never.countDown();
    }

    @Test
    void aTargetMustBeAnAbsoluteHttpUrlAndTheErrorDoesNotRepeatIt() {
        assertEquals("https://hooks.example:8443/x?token=abc",
                WebhookSettings.target(" https://hooks.example:8443/x?token=abc ").toString());
        for (String bad : List.of("ftp://hooks.example/abc", "hooks.example/abc", "http:///abc", "http://ex ample/abc")) {
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> WebhookSettings.target(bad));
            assertFalse(refused.getMessage().contains("abc"), refused.getMessage());
        }
        assertFalse(new WebhookSettings(List.of(URI.create("http://h/p")), Optional.of("s3cret")).toString()
                .contains("s3cret"));
    }

    private void start(WebhookSettings settings, Webhooks.Limits limits) {
        core.reloads().startup();
        webhooks = Webhooks.attach(core.events(), settings, limits);
        webhooks.start();
    }

    private void apply() {
        source.write("toolset-" + (++version) + "/core\n");
        ReloadOutcome outcome = core.reloads().reload(ReloadTrigger.MANUAL);
        assertTrue(outcome instanceof ReloadOutcome.ConfigChanged, outcome.toString());
    }

    /** Runs {@code action} with the senders' log lines captured instead of printed. */
    private static ListAppender<ILoggingEvent> captureLog(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(WebhookTarget.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        logger.setAdditive(false);
        try {
            action.run();
        } finally {
            logger.detachAppender(captured);
            logger.setAdditive(true);
        }
        return captured;
    }

    private Receiver receiver(IntUnaryOperator statusForAttempt) {
        Receiver receiver = new Receiver(statusForAttempt);
        receivers.add(receiver);
        return receiver;
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
        }
    }

    private record Request(String event, String delivery, String signature, String contentType, byte[] body,
                           int status) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A webhook receiver on loopback answering the n-th request (from 1) with the status given for n. */
    private static final class Receiver implements AutoCloseable {
        final List<Request> requests = new CopyOnWriteArrayList<>();
        final URI url;
        private final HttpServer server;
        private final IntUnaryOperator statusForAttempt;
        private int arrived;

        Receiver(IntUnaryOperator statusForAttempt) {
            this.statusForAttempt = statusForAttempt;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/hook", this::handle);
            server.start();
            url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook/T0/secret-path");
        }

        synchronized int arrived() {
            return arrived;
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int attempt;
            synchronized (this) {
                attempt = ++arrived;
            }
            int status = statusForAttempt.applyAsInt(attempt);
            requests.add(new Request(exchange.getRequestHeaders().getFirst("X-Toolset-Event"),
                    exchange.getRequestHeaders().getFirst("X-Toolset-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Toolset-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        List<Long> acceptedGenerations() throws IOException {
            List<Long> generations = new ArrayList<>();
            for (Request request : requests) {
                if (request.status / 100 == 2) {
                    generations.add(JSON.readTree(request.body).get("generation").asLong());
                }
            }
            return generations;
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
