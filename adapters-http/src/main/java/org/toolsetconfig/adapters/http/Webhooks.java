package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.toolsetconfig.application.port.in.ToolsetEvents;

/**
 * The webhooks of DESIGN.md §12: {@code config_applied} and {@code config_rejected} POSTed as JSON
 * (the event stream's data) to every configured URL, signed when a secret is set. The core's thread
 * only appends to a bounded queue per URL; one sender thread per URL delivers in order and retries,
 * so a slow or dead receiver delays no reload and no other receiver.
 *
 * <p>Deliveries are counted by {@link Result}; {@link #start()} starts the senders,
 * {@link #stop()} lets them finish what is queued, for a bounded time.
 */
public final class Webhooks {

    /** Attempts per delivery, the first included (DESIGN.md §12). */
    static final int MAX_ATTEMPTS = 5;

    /** What happened to deliveries, the {@code result} of {@code holmesgpt_webhook_deliveries_total}. */
    public enum Result {
        /** The receiver answered 2xx. */
        DELIVERED,
        /** An attempt failed and another follows after the backoff. */
        RETRIED,
        /** Every attempt failed; the delivery is given up and {@code webhook_delivery_failed} logged. */
        FAILED,
        /** Never sent: pushed out of a full queue by a newer one, or still queued when the drain at stop ended. */
        DROPPED;

        /** The label value. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The bounds of delivery; {@link #DEFAULTS} in production, shorter ones in tests. */
    record Limits(int queueSize, Duration firstBackoff, Duration requestTimeout, Duration drainTimeout) {
        /** 1 s, 2 s, 4 s, 8 s between the 5 attempts; 10 s per attempt; 5 s to drain at stop. */
        static final Limits DEFAULTS = new Limits(100, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(5));

        Limits {
            if (queueSize < 1) {
                throw new IllegalArgumentException("the webhook queue needs room for one delivery, was " + queueSize);
            }
            for (Duration d : List.of(firstBackoff, requestTimeout, drainTimeout)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("webhook durations must be positive, was " + d);
                }
            }
        }

        /** The wait before attempt {@code attempt + 1}: doubled after each failed attempt. */
        Duration backoffAfter(int attempt) {
            return firstBackoff.multipliedBy(1L << (attempt - 1));
        }
    }

    /** One event to send to one URL: the same id on every attempt, so a receiver can drop a repeat. */
    record Delivery(String id, String event, byte[] body, Optional<String> signature) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SENT = Set.of(ClientEvents.CONFIG_APPLIED, ClientEvents.CONFIG_REJECTED);

    private final Optional<SecretKeySpec> key;
    private final List<WebhookTarget> targets;
    private final Map<Result, AtomicLong> counts = new EnumMap<>(Result.class);

    private Webhooks(WebhookSettings settings, Limits limits) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(limits, "limits");
        for (Result result : Result.values()) {
            counts.put(result, new AtomicLong());
        }
        this.key = settings.secret().map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(limits.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.targets = settings.urls().stream().map(url -> new WebhookTarget(url, client, limits, this::add))
                .toList();
    }

    /** Webhooks for every event {@code events} publishes from now on; nothing is sent before {@link #start()}. */
    public static Webhooks attach(ToolsetEvents events, WebhookSettings settings) {
        return attach(events, settings, Limits.DEFAULTS);
    }

    static Webhooks attach(ToolsetEvents events, WebhookSettings settings, Limits limits) {
        Webhooks webhooks = new Webhooks(settings, limits);
        if (!webhooks.targets.isEmpty()) {
            events.subscribe(new ClientEvents(webhooks::offer));
        }
        return webhooks;
    }

    /** Starts one sender thread per URL; what was queued before is sent first. */
    public void start() {
        targets.forEach(WebhookTarget::start);
    }

    /**
     * Stops taking events and waits for the senders to finish their queues, for at most the drain
     * timeout (5 s) in all; what is left then is counted as dropped. Idempotent.
     */
    public void stop() {
        targets.forEach(WebhookTarget::stopTaking);
        long deadline = System.nanoTime() + targets.stream().findFirst().map(WebhookTarget::drainTimeout)
                .orElse(Duration.ZERO).toNanos();
        for (WebhookTarget target : targets) {
            target.awaitDrained(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** Deliveries so far with {@code result}; for {@code holmesgpt_webhook_deliveries_total}. */
    public long count(Result result) {
        return counts.get(result).get();
    }

    private void add(Result result, long n) {
        counts.get(result).addAndGet(n);
    }

    private void offer(String event, Object data) {
        if (!SENT.contains(event)) {
            return;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data of " + event + " is not serializable", e);
        }
        Optional<String> signature = key.map(k -> "sha256=" + hmac(k, body));
        for (WebhookTarget target : targets) {
            target.offer(new Delivery(UUID.randomUUID().toString(), event, body, signature));
        }
    }

    private static String hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            // Every Java runtime has HmacSHA256 (it is a required algorithm).
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
