package org.toolsetconfig.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.toolsetconfig.application.port.in.ConnectivityReport;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.application.port.in.ValidateConnectivityUseCase;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetProbe;
import org.toolsetconfig.domain.Toolset;

/** Runs the startup probes in parallel, bounded per probe and in total. */
final class ConnectivityService implements ValidateConnectivityUseCase {

    /** Extra time a probe gets past its own timeout before it is counted as timed out here. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private final ToolsetProbe probe;
    private final Executor executor;
    private final ProbeSettings settings;
    private final EventPublisher events;
    private final Clock clock;

    ConnectivityService(ToolsetProbe probe, Executor executor, ProbeSettings settings, EventPublisher events,
                        Clock clock) {
        this.probe = probe;
        this.executor = executor;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public ConnectivityReport probe(List<Toolset> toolsets) {
        Instant start = clock.instant();
        List<ConnectivityReport.Entry> entries = new ArrayList<>(toolsets.size());
        if (!settings.enabled()) {
            toolsets.forEach(toolset -> entries.add(new ConnectivityReport.Entry(toolset.name(),
                    new ProbeResult.Skipped("startup probes are off (TOOLSET_STARTUP_PROBES=false)"))));
            return new ConnectivityReport(entries);
        }
        List<CompletableFuture<ProbeResult>> running = new ArrayList<>(toolsets.size());
        for (Toolset toolset : toolsets) {
            running.add(CompletableFuture.supplyAsync(() -> probeSafely(toolset), executor)
                    .completeOnTimeout(timedOut(settings.perProbeTimeout()),
                            settings.perProbeTimeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS));
        }
        awaitAll(running);
        for (int i = 0; i < toolsets.size(); i++) {
            ProbeResult result = running.get(i).getNow(timedOut(settings.totalTimeout()));
            entries.add(new ConnectivityReport.Entry(toolsets.get(i).name(), result));
            events.publish(new ToolsetEvent.ProbeCompleted(toolsets.get(i).name(), result, clock.instant()));
        }
        ConnectivityReport report = new ConnectivityReport(entries);
        Instant end = clock.instant();
        events.publish(new ToolsetEvent.ConnectivityChecked(toolsets.size(), report.unavailable().size(),
                report.failureLines(), Duration.between(start, end), end));
        return report;
    }

    private void awaitAll(List<CompletableFuture<ProbeResult>> running) {
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                    .get(settings.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The probes still running are reported as timed out below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("probeSafely never completes exceptionally", e);
        }
    }

    private ProbeResult probeSafely(Toolset toolset) {
        try {
            return probe.probe(toolset, settings.perProbeTimeout());
        } catch (RuntimeException e) {
            return new ProbeResult.Unreachable(ProbeResult.FailureReason.IO, "io_error: probe failed: " + e,
                    "the probe itself failed; report this as a bug", Duration.ZERO);
        }
    }

    private static ProbeResult timedOut(Duration after) {
        return new ProbeResult.Unreachable(ProbeResult.FailureReason.TIMEOUT,
                "timeout: no answer within " + after.toSeconds() + " s",
                "that the endpoint is up and reachable from this pod (network policy, DNS, firewall)", after);
    }
}
