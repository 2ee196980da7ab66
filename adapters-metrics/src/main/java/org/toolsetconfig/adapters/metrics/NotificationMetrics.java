package org.toolsetconfig.adapters.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The meters of how the service tells clients of changes (DESIGN.md §7, §12):
 * {@code holmesgpt_event_subscribers} and {@code holmesgpt_webhook_deliveries_total{result}}. The
 * HTTP adapter keeps the numbers; these meters read them when scraped, so every series exists, at
 * 0, from {@link #bindTo} on.
 */
public final class NotificationMetrics implements MeterBinder {

    private final IntSupplier eventSubscribers;
    private final Map<String, LongSupplier> webhookDeliveries;

    /**
     * {@code eventSubscribers} counts the connected event-stream clients; {@code webhookDeliveries}
     * gives, per {@code result} label value, the deliveries counted so far (a count that only grows).
     */
    public NotificationMetrics(IntSupplier eventSubscribers, Map<String, LongSupplier> webhookDeliveries) {
        this.eventSubscribers = Objects.requireNonNull(eventSubscribers, "eventSubscribers");
        this.webhookDeliveries = new LinkedHashMap<>(webhookDeliveries);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // The gauge holds this binder strongly; the function counters, which Micrometer holds weakly,
        // read through it and so live as long as the registry.
        Gauge.builder(MetricNames.EVENT_SUBSCRIBERS, this, self -> self.eventSubscribers.getAsInt())
                .description("Clients connected to the event stream (GET /api/v1/events) now")
                .baseUnit("subscribers")
                .strongReference(true)
                .register(registry);
        webhookDeliveries.forEach((result, count) ->
                FunctionCounter.builder(MetricNames.WEBHOOK_DELIVERIES, this,
                                self -> self.webhookDeliveries.get(result).getAsLong())
                        .description("Webhook deliveries by result: delivered, retried (per extra attempt), failed "
                                + "(every attempt failed), dropped (pushed out of a full queue, or left at stop)")
                        .baseUnit("deliveries")
                        .tag(MetricNames.RESULT, result)
                        .register(registry));
    }
}
