package org.toolsetconfig.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.ServiceSettings;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ToolsetName;

/**
 * Issue 19, item 9: one client reporting failures for made-up names and error types drove the scrape
 * to ~38 000 series. With the default label caps filled in every per-toolset meter, a whole scrape
 * must stay under 1 MB, which Prometheus ingests without complaint.
 */
class ScrapeSizeAtTheCapsTest {

    private static final int ONE_MB = 1_000_000;
    private static final Instant AT = FakeQueries.T0;

    @Test
    void aFullScrapeAtTheDefaultCapsStaysUnderOneMegabyte() {
        LabelLimits limits = LabelLimits.of(ServiceSettings.defaults());
        List<ToolsetEventListener> subscribers = new ArrayList<>();
        ToolsetMetrics metrics = new ToolsetMetrics(new FakeQueries(), subscribers::add, limits);
        Consumer<ToolsetEvent> publish = event -> subscribers.forEach(listener -> listener.onEvent(event));
        Checksum sum = Checksum.sha256(new byte[] {1});
        try (PrometheusScrape prometheus = new PrometheusScrape(metrics)) {
            // More of everything than the caps admit: every extra name and type lands in the shared series.
            for (int t = 0; t < limits.toolsets() + 10; t++) {
                // Names as long as the real ones get (kubernetes/core-ish, plus a number).
                ToolsetName name = ToolsetName.of("a-rather-long-toolset-name/number-" + t);
                FailureRecord record = FailureRecord.none(name);
                for (int e = 0; e < limits.errorTypes() + 5; e++) {
                    record = record.withFailure("SomeRatherLongErrorTypeName" + e, "it failed", AT);
                    publish.accept(new ToolsetEvent.FailureRecorded(record, 3, AT));
                }
                publish.accept(new ToolsetEvent.FailureThresholdReached(name, 3, 3, "Timeout", "timed out", AT));
                publish.accept(new ToolsetEvent.ReloadCooldownActive(name, 4, Duration.ofSeconds(1), AT));
                for (ReloadOutcome outcome : new ReloadOutcome[] {new ReloadOutcome.ConfigUnchanged(sum),
                        new ReloadOutcome.Error(ReloadOutcome.ErrorKind.values()[0], "x")}) {
                    publish.accept(new ToolsetEvent.AutoReloadCompleted(name, outcome, 3, Duration.ofMillis(1), AT));
                }
            }
            String scrape = prometheus.scrape();
            int bytes = scrape.getBytes(StandardCharsets.UTF_8).length;
            long series = scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).count();
            System.out.println("[reliability] metrics.scrape_at_caps toolsets=" + limits.toolsets() + " error_types="
                    + limits.errorTypes() + " series=" + series + " bytes=" + bytes);

            assertTrue(bytes < ONE_MB, () -> "a scrape at the caps is " + bytes + " bytes, " + series + " series");
        }
    }
}
