package org.toolsetconfig.adapters.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.adapters.http.Webhooks.Delivery;
import org.toolsetconfig.adapters.http.Webhooks.Result;

/**
 * One webhook URL: a bounded queue (the oldest waiting delivery is dropped for a new one when it is
 * full) and one sender thread that delivers in order, each delivery up to
 * {@link Webhooks#MAX_ATTEMPTS} times with a doubling backoff. The queue and the flags are guarded
 * by this object's monitor; {@link #offer} never waits for the network.
 */
final class WebhookTarget {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookTarget.class);

    private final URI url;
    private final String shownUrl;
    private final HttpClient client;
    private final Webhooks.Limits limits;
    private final ObjLongConsumer<Result> count;
    private final ArrayDeque<Delivery> waiting = new ArrayDeque<>();
    private final Thread sender;
    private boolean taking = true;
    private boolean abandoned;

    WebhookTarget(URI url, HttpClient client, Webhooks.Limits limits, ObjLongConsumer<Result> count) {
        this.url = url;
        this.shownUrl = WebhookSettings.shown(url);
        this.client = client;
        this.limits = limits;
        this.count = count;
        this.sender = new Thread(this::run, "webhook-sender " + shownUrl);
        sender.setDaemon(true);
    }

    synchronized void start() {
        if (taking && sender.getState() == Thread.State.NEW) {
            sender.start();
        }
    }

    Duration drainTimeout() {
        return limits.drainTimeout();
    }

    synchronized void offer(Delivery delivery) {
        if (!taking) {
            count.accept(Result.DROPPED, 1);
            return;
        }
        if (waiting.size() >= limits.queueSize()) {
            waiting.removeFirst();
            count.accept(Result.DROPPED, 1);
        }
        waiting.addLast(delivery);
        notifyAll();
    }

    synchronized void stopTaking() {
        taking = false;
        notifyAll();
    }

    /**
     * Waits up to {@code bound} for the sender to empty the queue; then gives up what is left: the
     * delivery in flight ends as failed, the waiting ones as dropped.
     */
    void awaitDrained(Duration bound) {
        try {
            if (sender.getState() != Thread.State.NEW) {
                sender.join(Math.max(1, bound.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            abandoned = true;
            count.accept(Result.DROPPED, waiting.size());
            waiting.clear();
            notifyAll();
        }
        sender.interrupt();
    }

    private void run() {
        Delivery next;
        while ((next = take()) != null) {
            deliver(next);
        }
    }

    private synchronized Delivery take() {
        while (waiting.isEmpty() && taking && !abandoned) {
            try {
                wait();
            } catch (InterruptedException e) {
                return null;
            }
        }
        return abandoned ? null : waiting.pollFirst();
    }

    private void deliver(Delivery delivery) {
        String failure = "abandoned at stop";
        int attempts = 0;
        for (int attempt = 1; attempt <= Webhooks.MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                count.accept(Result.RETRIED, 1);
                if (!pause(limits.backoffAfter(attempt - 1))) {
                    break;
                }
            }
            attempts = attempt;
            Optional<String> refused = send(delivery);
            if (refused.isEmpty()) {
                count.accept(Result.DELIVERED, 1);
                return;
            }
            failure = refused.get();
            if (abandonedNow()) {
                break;
            }
        }
        LOG.atWarn().setMessage("webhook_delivery_failed").addKeyValue("url", shownUrl)
                .addKeyValue("event", delivery.event()).addKeyValue("delivery", delivery.id())
                .addKeyValue("attempts", attempts).addKeyValue("error", failure).log();
        // Counted after the line is written: whoever sees the count can find the line.
        count.accept(Result.FAILED, 1);
    }

    /** Empty when the receiver took it (2xx); otherwise why not, in words fit for a log. */
    private Optional<String> send(Delivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(limits.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "toolset-config-service")
                .header("X-Toolset-Event", delivery.event())
                .header("X-Toolset-Delivery", delivery.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.signature().ifPresent(signature -> request.header("X-Toolset-Signature", signature));
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Optional.empty() : Optional.of("HTTP status " + status);
        } catch (IOException e) {
            // The class says what went wrong (timeout, refused, reset); messages may repeat the URL.
            return Optional.of(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("abandoned at stop");
        }
    }

    /** Waits out a backoff; false when the stop's drain ended meanwhile. */
    private synchronized boolean pause(Duration backoff) {
        long deadline = System.nanoTime() + backoff.toNanos();
        long left;
        while (!abandoned && (left = deadline - System.nanoTime()) > 0) {
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !abandoned;
    }

    private synchronized boolean abandonedNow() {
        return abandoned || Thread.currentThread().isInterrupted();
    }
}
