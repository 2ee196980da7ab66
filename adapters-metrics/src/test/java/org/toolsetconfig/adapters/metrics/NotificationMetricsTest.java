package org.toolsetconfig.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class NotificationMetricsTest {

    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private PrometheusScrape scrape() {
        Map<String, LongSupplier> deliveries = new LinkedHashMap<>();
        deliveries.put("delivered", delivered::get);
        deliveries.put("dropped", dropped::get);
        return new PrometheusScrape(new NotificationMetrics(subscribers::get, deliveries));
    }

    @Test
    void everySeriesReadsZeroFromBindOn() {
        try (PrometheusScrape scrape = scrape()) {
            String text = scrape.scrape();
            assertTrue(text.contains("holmesgpt_event_subscribers 0.0"), text);
            assertTrue(text.contains("holmesgpt_webhook_deliveries_total{result=\"delivered\"} 0.0"), text);
            assertTrue(text.contains("holmesgpt_webhook_deliveries_total{result=\"dropped\"} 0.0"), text);
        }
    }

    @Test
    void aScrapeReadsTheAdaptersCountsAsTheyAreThen() {
        try (PrometheusScrape scrape = scrape()) {
            subscribers.set(3);
            delivered.set(7);
            dropped.set(2);
            // Nothing else holds the binder or its suppliers' owner: the meters must survive a collection.
            System.gc();
            String text = scrape.scrape();
            assertTrue(text.contains("holmesgpt_event_subscribers 3.0"), text);
            assertTrue(text.contains("holmesgpt_webhook_deliveries_total{result=\"delivered\"} 7.0"), text);
            assertTrue(text.contains("holmesgpt_webhook_deliveries_total{result=\"dropped\"} 2.0"), text);
        }
    }
}
