package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.ConnectivityReport;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetProbe;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.application.testing.RecordingEventListener;
import org.toolsetconfig.application.testing.TestCores;
import org.toolsetconfig.domain.Toolset;

class ConnectivityServiceTest {

    private final CountDownLatch neverReleased = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final RecordingEventListener events = new RecordingEventListener();

    @AfterEach
    void releaseHangingProbes() {
        neverReleased.countDown();
    }

    private ValidateConnectivity core(ToolsetProbe probe, ProbeSettings settings) {
        ToolsetConfigCore core = TestCores.onLines(new InMemoryConfigSource("kubernetes"),
                MutableClock.atEpochPlusOneDay()).eventListener(events).toolsetProbe(probe).probeSettings(settings)
                .build();
        return toolsets -> core.connectivity().probe(toolsets);
    }

    private interface ValidateConnectivity {
        ConnectivityReport probe(List<Toolset> toolsets);
    }

    private ProbeResult hangOrAnswer(Toolset toolset, Duration ignoredTimeout) {
        if (toolset.name().value().startsWith("slow")) {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                neverReleased.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        }
        if (toolset.name().value().startsWith("down")) {
            return new ProbeResult.Unreachable(ProbeResult.FailureReason.CONNECTION_REFUSED,
                    "connection refused at http://127.0.0.1:1/api/health", "that Grafana is running", Duration.ZERO);
        }
        return new ProbeResult.Reachable("http://ok", Duration.ofMillis(3));
    }

    @Test
    void reportsEachUnreachableToolsetWithReasonHintAndTheDevModeHint() {
        ConnectivityReport report = core(this::hangOrAnswer, ProbeSettings.defaults()).probe(List.of(
                Toolset.named("prometheus/metrics"), Toolset.named("down/grafana"), Toolset.named("down/other")));

        assertEquals(2, report.unavailable().size());
        List<String> lines = report.failureLines();
        assertEquals("Service startup failed: 2 toolset(s) unavailable:", lines.get(0));
        assertEquals("  - down/grafana: connection refused at http://127.0.0.1:1/api/health (check: that Grafana "
                + "is running)", lines.get(1));
        assertTrue(lines.get(3).contains("HOLMESGPT_DEV_MODE=true"));
        ToolsetEvent.ConnectivityChecked checked = events.of(ToolsetEvent.ConnectivityChecked.class).get(0);
        assertEquals(3, checked.probed());
        assertEquals(lines, checked.report());
        assertEquals(3, events.of(ToolsetEvent.ProbeCompleted.class).size());
    }

    @Test
    void theReportNeverPrintsAPasswordOrTokenAProbeNamed() {
        ConnectivityReport report = new ConnectivityReport(List.of(new ConnectivityReport.Entry(
                Toolset.named("grafana/loki").name(), new ProbeResult.Unreachable(ProbeResult.FailureReason.IO,
                        "GET https://bob:s3cr3t@loki:3100/ready?token=t0k3n failed",
                        "that https://bob:s3cr3t@loki:3100 is up", Duration.ZERO))));

        String lines = String.join("\n", report.failureLines());

        assertFalse(lines.contains("s3cr3t") || lines.contains("t0k3n"), lines);
        assertTrue(lines.contains("GET https://bob:<redacted>@loki:3100/ready?token=<redacted> failed"), lines);
    }

    @Test
    void probesRunInParallelSoHangingOnesCostOneTimeoutNotTheirSum() {
        ProbeSettings fast = new ProbeSettings(true, Duration.ofMillis(200), Duration.ofSeconds(5));

        ConnectivityReport report = core(this::hangOrAnswer, fast).probe(List.of(Toolset.named("slow-1"),
                Toolset.named("slow-2"), Toolset.named("slow-3"), Toolset.named("slow-4"), Toolset.named("fine")));

        // Counted, not timed: the four hanging probes were all running at once.
        assertEquals(4, mostInFlight.get());
        assertEquals(4, report.unavailable().size());
        report.unavailable().forEach(entry -> {
            ProbeResult.Unreachable down = (ProbeResult.Unreachable) entry.result();
            assertEquals(ProbeResult.FailureReason.TIMEOUT, down.reason());
            assertEquals(fast.perProbeTimeout(), down.duration(), "each ended by its own timeout, not the total");
        });
        assertInstanceOf(ProbeResult.Reachable.class, report.entries().get(4).result());
    }

    @Test
    void theTotalTimeoutBoundsTheWholeRun() {
        // One probe may take 200 ms, and it would be reported 500 ms later (its grace); the whole run may take
        // 250 ms. A result that carries the total's duration was ended by the total bound, not the per-probe one.
        ProbeSettings shortTotal = new ProbeSettings(true, Duration.ofMillis(200), Duration.ofMillis(250));

        ConnectivityReport report = core(this::hangOrAnswer, shortTotal).probe(List.of(Toolset.named("slow")));

        ProbeResult.Unreachable down = (ProbeResult.Unreachable) report.entries().get(0).result();
        assertEquals(ProbeResult.FailureReason.TIMEOUT, down.reason());
        assertEquals(shortTotal.totalTimeout(), down.duration());
    }

    @Test
    void aProbeThatThrowsIsReportedNotPropagated() {
        ConnectivityReport report = core((toolset, timeout) -> {
            throw new IllegalStateException("probe bug");
        }, ProbeSettings.defaults()).probe(List.of(Toolset.named("kubernetes/core")));

        ProbeResult.Unreachable down = assertInstanceOf(ProbeResult.Unreachable.class,
                report.entries().get(0).result());
        assertTrue(down.detail().contains("probe bug"));
    }

    @Test
    void disabledProbesSkipEveryToolset() {
        ConnectivityReport report = core(this::hangOrAnswer,
                new ProbeSettings(false, Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .probe(List.of(Toolset.named("down/grafana")));

        assertInstanceOf(ProbeResult.Skipped.class, report.entries().get(0).result());
        assertTrue(report.allReachable());
    }
}
