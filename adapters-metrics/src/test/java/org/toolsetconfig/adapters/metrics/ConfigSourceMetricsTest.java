package org.toolsetconfig.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The two source meters as Prometheus scrapes them: exact names, no labels, live values. */
class ConfigSourceMetricsTest {

    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicLong reconnects = new AtomicLong();

    @Test
    void theScrapeShowsTheWatchAsItIsNow() {
        try (PrometheusScrape scrape = new PrometheusScrape(new ConfigSourceMetrics(connected::get, reconnects::get))) {
            assertTrue(scrape.scrape().contains("\nholmesgpt_config_source_connected 0.0\n"), scrape::scrape);
            assertTrue(scrape.scrape().contains("\nholmesgpt_config_source_reconnects_total 0.0\n"), scrape::scrape);

            connected.set(true);
            reconnects.set(3);

            assertTrue(scrape.scrape().contains("\nholmesgpt_config_source_connected 1.0\n"), scrape::scrape);
            assertTrue(scrape.scrape().contains("\nholmesgpt_config_source_reconnects_total 3.0\n"), scrape::scrape);
        }
    }
}
