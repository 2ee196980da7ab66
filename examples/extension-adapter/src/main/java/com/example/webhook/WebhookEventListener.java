package com.example.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;

/**
 * A team's adapter: posts the events an on-call channel cares about (a toolset reached its failure threshold, a
 * re-check rejected the file or could not read it, a new configuration became active) as JSON to a webhook.
 *
 * <p>Events arrive on the thread that caused them, so posting is asynchronous: {@link #onEvent} returns at once and
 * a slow or unreachable receiver never holds up a reload or a failure report. A failed delivery is logged and counted,
 * never retried.
 */
public final class WebhookEventListener implements ToolsetEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEventListener.class);

    private final URI webhook;
    private final HttpClient client;
    private final Duration timeout;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param webhook where to post, an http or https URI
     * @param client the HTTP client to post with (shared, so connections are reused)
     * @param timeout how long one post may take
     */
    public WebhookEventListener(URI webhook, HttpClient client, Duration timeout) {
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        String scheme = String.valueOf(webhook.getScheme());
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("webhook must be an http or https URI, was " + webhook);
        }
    }

    // tag::onEvent[]
    @Override
    public void onEvent(ToolsetEvent event) {
        WebhookMessage.of(event).ifPresent(this::post);
    }

    private void post(String json) {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
            } else {
                failed.incrementAndGet();
                LOG.warn("webhook_delivery_failed webhook={} status={} error={}", webhook,
                        response == null ? "none" : response.statusCode(), error == null ? "none" : error.toString());
            }
        });
    }
    // end::onEvent[]

    /** How many posts the receiver accepted with a 2xx status. */
    public long delivered() {
        return delivered.get();
    }

    /** How many posts failed (no connection, timeout, or a status other than 2xx). */
    public long failed() {
        return failed.get();
    }
}
