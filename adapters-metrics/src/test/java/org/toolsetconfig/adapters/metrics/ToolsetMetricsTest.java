package org.toolsetconfig.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.LastReload;
import org.toolsetconfig.application.port.in.PendingReload;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.Session;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.ToolsetName;

class ToolsetMetricsTest {

    /** A measurement that disappeared. */
    private static final double GONE = Double.NaN;
    private static final Instant AT = FakeQueries.T0;
    private static final ToolsetName KUBE = ToolsetName.of("kubernetes/core");
    private static final Checksum SUM = Checksum.sha256(new byte[] {1});

    private final FakeQueries queries = new FakeQueries();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The core's event stream, as a test drives it. */
    private final List<ToolsetEventListener> subscribers = new CopyOnWriteArrayList<>();

    private void bound(LabelLimits limits) {
        new ToolsetMetrics(queries, subscribers::add, limits).bindTo(registry);
    }

    private void publish(ToolsetEvent event) {
        subscribers.forEach(listener -> listener.onEvent(event));
    }

    private void bound() {
        bound(new LabelLimits(1000, 20));
    }

    // ---- each event moves exactly the meters it should --------------------------------------

    @Test
    void failureCountsByToolsetAndErrorTypeAndStartsTheToolsetsGauge() {
        bound();
        queries.consecutive("kubernetes/core", 1);
        assertEquals(Map.of(
                        "holmesgpt.toolset.failures{error_type=Timeout,toolset=kubernetes/core}:COUNT", 1.0,
                        "holmesgpt.toolset.failure.count{toolset=kubernetes/core}:VALUE", 1.0),
                moved(failure("kubernetes/core", "Timeout", 1)));
        queries.consecutive("kubernetes/core", 2);
        assertEquals(Map.of("holmesgpt.toolset.failures{error_type=Timeout,toolset=kubernetes/core}:COUNT", 2.0),
                moved(failure("kubernetes/core", "Timeout", 2)));
        assertEquals(Map.of("holmesgpt.toolset.failures{error_type=UnknownError,toolset=kubernetes/core}:COUNT", 1.0),
                moved(failure("kubernetes/core", null, 2)));
    }

    @Test
    void thresholdRecordsTheConsecutiveCountThatForcedTheRecheck() {
        queries.consecutive("kubernetes/core", 3);
        bound();
        assertEquals(Map.of(
                        "holmesgpt.consecutive.failures.before.reload{toolset=kubernetes/core}:COUNT", 1.0,
                        "holmesgpt.consecutive.failures.before.reload{toolset=kubernetes/core}:TOTAL", 3.0,
                        "holmesgpt.consecutive.failures.before.reload{toolset=kubernetes/core}:MAX", 3.0),
                moved(new ToolsetEvent.FailureThresholdReached(KUBE, 3, 3, "Timeout", "timed out", AT)));
        Map<String, Double> buckets = read(registry, true);
        String bucket = "holmesgpt.consecutive.failures.before.reload.histogram{le=%s,toolset=kubernetes/core}:VALUE";
        assertEquals(0.0, buckets.get(bucket.formatted("2")));
        assertEquals(1.0, buckets.get(bucket.formatted("3")));
        assertEquals(1.0, buckets.get(bucket.formatted("10")));
    }

    @Test
    void everyRefusedFailureCountsInOneSeriesWithoutTheRefusedName() {
        bound();
        publish(new ToolsetEvent.FailureNotTracked(ToolsetName.of("junk/1"), 1000, AT));
        assertEquals(Map.of("holmesgpt.toolset.failures.not.tracked:COUNT", 2.0),
                moved(new ToolsetEvent.FailureNotTracked(ToolsetName.of("junk/2"), 1000, AT)));
    }

    @Test
    void cooldownBlockCountsPerToolset() {
        queries.consecutive("kubernetes/core", 3);
        bound();
        assertEquals(Map.of("holmesgpt.reload.cooldown.blocks{toolset=kubernetes/core}:COUNT", 1.0),
                moved(new ToolsetEvent.ReloadCooldownActive(KUBE, 4, Duration.ofSeconds(59), AT)));
    }

    @Test
    void autoReloadCountsByToolsetAndResultAndTimesByResult() {
        queries.consecutive("kubernetes/core", 3);
        bound();
        assertEquals(Map.of(
                        "holmesgpt.auto.reload.triggered{result=config_unchanged,toolset=kubernetes/core}:COUNT", 1.0,
                        "holmesgpt.auto.reload.duration{result=config_unchanged}:COUNT", 1.0,
                        "holmesgpt.auto.reload.duration{result=config_unchanged}:TOTAL_TIME", 0.02,
                        "holmesgpt.auto.reload.duration{result=config_unchanged}:MAX", 0.02),
                moved(new ToolsetEvent.AutoReloadCompleted(KUBE, new ReloadOutcome.ConfigUnchanged(SUM), 3,
                        Duration.ofMillis(20), AT)));
        assertEquals(Map.of(
                        "holmesgpt.auto.reload.triggered{result=error,toolset=kubernetes/core}:COUNT", 1.0,
                        "holmesgpt.auto.reload.duration{result=error}:COUNT", 1.0,
                        "holmesgpt.auto.reload.duration{result=error}:TOTAL_TIME", 0.5,
                        "holmesgpt.auto.reload.duration{result=error}:MAX", 0.5),
                moved(new ToolsetEvent.AutoReloadCompleted(KUBE,
                        new ReloadOutcome.Error(ReloadOutcome.ErrorKind.NOT_FOUND, "gone"), 4,
                        Duration.ofMillis(500), AT)));
    }

    @Test
    void startupProbesTimeEachToolsetAndCountFailuresByReason() {
        bound();
        ToolsetName grafana = ToolsetName.of("grafana/loki");
        assertEquals(Map.of(
                        "holmesgpt.startup.validation.duration{toolset=grafana/loki}:COUNT", 1.0,
                        "holmesgpt.startup.validation.duration{toolset=grafana/loki}:TOTAL_TIME", 5.0,
                        "holmesgpt.startup.validation.duration{toolset=grafana/loki}:MAX", 5.0,
                        "holmesgpt.startup.validation.failures{failure_reason=timeout,toolset=grafana/loki}:COUNT", 1.0),
                moved(new ToolsetEvent.ProbeCompleted(grafana, new ProbeResult.Unreachable(
                        ProbeResult.FailureReason.TIMEOUT, "no answer", "check it", Duration.ofSeconds(5)), AT)));
        assertEquals(Map.of(
                        "holmesgpt.startup.validation.duration{toolset=kubernetes/core}:COUNT", 1.0,
                        "holmesgpt.startup.validation.duration{toolset=kubernetes/core}:TOTAL_TIME", 0.25,
                        "holmesgpt.startup.validation.duration{toolset=kubernetes/core}:MAX", 0.25),
                moved(new ToolsetEvent.ProbeCompleted(KUBE,
                        new ProbeResult.Reachable("https://api/version", Duration.ofMillis(250)), AT)));
        assertEquals(Map.of(), moved(new ToolsetEvent.ProbeCompleted(KUBE,
                new ProbeResult.Skipped("not in a cluster"), AT)));
    }

    @Test
    void everyRecheckCountsByTriggerAndResult() {
        bound();
        assertEquals(Map.of("holmesgpt.configmap.reload{result=validation_failed,trigger=watch}:COUNT", 1.0),
                moved(new ToolsetEvent.ReloadCompleted(ReloadTrigger.WATCH,
                        new ReloadOutcome.ValidationFailed(SUM, List.of()), ToolsetEvent.Rejection.INVALID,
                        Duration.ofMillis(3), AT)));
        assertEquals(Map.of("holmesgpt.configmap.reload{result=config_changed,trigger=failure_threshold}:COUNT", 1.0),
                moved(new ToolsetEvent.ReloadCompleted(ReloadTrigger.FAILURE_THRESHOLD,
                        new ReloadOutcome.ConfigChanged(SUM, ReloadOutcome.Applied.NOW, Set.of()),
                        ToolsetEvent.Rejection.NONE, Duration.ofMillis(3), AT)));
    }

    @Test
    void appliedConfigReplacesTheInfoSeries() {
        queries.active = FakeQueries.snapshot(1, "kubernetes/core");
        bound();
        ConfigSnapshot first = queries.active;
        String firstKey = "holmesgpt.config.info{checksum=" + first.checksum().hex() + ",generation=1}:VALUE";
        assertEquals(1.0, read(registry).get(firstKey));

        ConfigSnapshot second = FakeQueries.snapshot(2, "kubernetes/core", "grafana/loki");
        queries.active = second;
        String secondKey = "holmesgpt.config.info{checksum=" + second.checksum().hex() + ",generation=2}:VALUE";
        Map<String, Double> moved = moved(new ToolsetEvent.ConfigApplied(first, second,
                ToolsetEvent.ApplyReason.IMMEDIATE, Set.of(ToolsetName.of("grafana/loki")), 0, AT));
        String loki = "holmesgpt.toolset.status{status=%s,toolset=grafana/loki}:VALUE";
        // The toolset the new snapshot defines gets its four status series, at its health now.
        assertEquals(Map.of(firstKey, GONE, secondKey, 1.0, loki.formatted("healthy"), 1.0,
                loki.formatted("degraded"), 0.0, loki.formatted("failing"), 0.0, loki.formatted("disabled"), 0.0),
                moved);
        assertEquals(1, registry.find(MetricNames.CONFIG_INFO).gauges().size());
    }

    @Test
    void eventsWithoutAMeterMoveNothing() {
        bound();
        Session session = new Session(SessionId.of("inv-1"), AT, 1);
        List<ToolsetEvent> events = List.of(
                new ToolsetEvent.SuccessRecorded(FailureRecord.none(ToolsetName.of("never-failed")), 0, AT),
                new ToolsetEvent.ReloadDeferred(SUM, 1, AT),
                new ToolsetEvent.SessionRegistered(session, 1, AT),
                new ToolsetEvent.SessionUnregistered(session, 0, AT),
                new ToolsetEvent.SessionExpired(session, Duration.ofMinutes(11), 0, AT),
                new ToolsetEvent.DevModeStartup(new ReloadOutcome.Error(ReloadOutcome.ErrorKind.NOT_FOUND, "x"), AT),
                new ToolsetEvent.ConfigListenerFailed("clients", 1, new IllegalStateException("boom"), AT));
        for (ToolsetEvent event : events) {
            assertEquals(Map.of(), moved(event), event.getClass().getSimpleName());
        }
    }

    // ---- gauges read the live state ---------------------------------------------------------------

    @Test
    void gaugesReadTheLiveState() {
        bound();
        Map<String, Double> idle = read(registry);
        assertEquals(0.0, idle.get("holmesgpt.toolsets.active:VALUE"));
        assertEquals(0.0, idle.get("holmesgpt.active.investigation.sessions:VALUE"));
        assertEquals(0.0, idle.get("holmesgpt.reload.pending:VALUE"));
        assertEquals(0.0, idle.get("holmesgpt.dev.mode.enabled:VALUE"));
        assertEquals(0.0, idle.get("holmesgpt.config.last.reload.successful:VALUE"));
        assertEquals(0.0, idle.get("holmesgpt.config.last.reload.success.timestamp.seconds:VALUE"));

        queries.active = FakeQueries.snapshot(3, "a", "b", "c");
        queries.sessions = 7;
        queries.pending = Optional.of(new PendingReload(SUM, AT));
        queries.settings = queries.settings.withDevMode(true);
        queries.lastReload = Optional.of(new LastReload(ReloadTrigger.POLL, new ReloadOutcome.ConfigUnchanged(SUM), AT));
        queries.lastSuccessAt = Optional.of(Instant.parse("2026-01-02T00:00:01.250Z"));
        Map<String, Double> busy = read(registry);
        assertEquals(3.0, busy.get("holmesgpt.toolsets.active:VALUE"));
        assertEquals(7.0, busy.get("holmesgpt.active.investigation.sessions:VALUE"));
        assertEquals(1.0, busy.get("holmesgpt.reload.pending:VALUE"));
        assertEquals(1.0, busy.get("holmesgpt.dev.mode.enabled:VALUE"));
        assertEquals(1.0, busy.get("holmesgpt.config.last.reload.successful:VALUE"));
        assertEquals(1_767_312_001.25, busy.get("holmesgpt.config.last.reload.success.timestamp.seconds:VALUE"));

        queries.lastReload = Optional.of(new LastReload(ReloadTrigger.WATCH,
                new ReloadOutcome.ValidationFailed(SUM, List.of()), AT));
        assertEquals(0.0, read(registry).get("holmesgpt.config.last.reload.successful:VALUE"));
    }

    @Test
    void failureCountGaugeFollowsResetsWithoutAnEvent() {
        bound();
        queries.consecutive("kubernetes/core", 3);
        publish(failure("kubernetes/core", "Timeout", 3));
        String key = "holmesgpt.toolset.failure.count{toolset=kubernetes/core}:VALUE";
        assertEquals(3.0, read(registry).get(key));
        queries.consecutive("kubernetes/core", 0);
        assertEquals(0.0, read(registry).get(key));
    }

    // ---- binding ---------------------------------------------------------------------------------

    @Test
    void bindingShowsToolsetsAlreadyTrackedAndTheActiveConfig() {
        queries.active = FakeQueries.snapshot(4, "kubernetes/core");
        queries.consecutive("kubernetes/core", 2);
        queries.consecutive("prometheus", 1);
        bound();
        Map<String, Double> values = read(registry);
        assertEquals(2.0, values.get("holmesgpt.toolset.failure.count{toolset=kubernetes/core}:VALUE"));
        assertEquals(1.0, values.get("holmesgpt.toolset.failure.count{toolset=prometheus}:VALUE"));
        assertEquals(1.0, values.get("holmesgpt.config.info{checksum=" + queries.active.checksum().hex()
                + ",generation=4}:VALUE"));
    }

    @Test
    void devModeWithNothingLoadedShowsGenerationZero() {
        bound();
        assertEquals(1.0, read(registry).get("holmesgpt.config.info{checksum=,generation=0}:VALUE"));
    }

    @Test
    void bindingSubscribesOnceAndASecondBindingIsRefused() {
        ToolsetMetrics metrics = new ToolsetMetrics(queries, subscribers::add, new LabelLimits(10, 10));
        assertTrue(subscribers.isEmpty());
        metrics.bindTo(registry);
        assertEquals(1, subscribers.size());
        assertThrows(IllegalStateException.class, () -> metrics.bindTo(new SimpleMeterRegistry()));
        assertEquals(1, subscribers.size());
        publish(failure("kubernetes/core", "Timeout", 1));
        assertEquals(1.0, registry.get(MetricNames.TOOLSET_FAILURES).counter().count());
    }

    @Test
    void everyMeterHasADescriptionAndABaseUnit() {
        bound();
        publish(failure("kubernetes/core", "Timeout", 3));
        publish(new ToolsetEvent.FailureThresholdReached(KUBE, 3, 3, "Timeout", "timed out", AT));
        publish(new ToolsetEvent.ReloadCooldownActive(KUBE, 4, Duration.ofSeconds(1), AT));
        publish(new ToolsetEvent.AutoReloadCompleted(KUBE, new ReloadOutcome.ConfigUnchanged(SUM), 3,
                Duration.ofMillis(1), AT));
        publish(new ToolsetEvent.ReloadCompleted(ReloadTrigger.MANUAL, new ReloadOutcome.ConfigUnchanged(SUM),
                ToolsetEvent.Rejection.NONE, Duration.ofMillis(1), AT));
        publish(new ToolsetEvent.FailureNotTracked(ToolsetName.of("junk"), 1000, AT));
        queries.active = FakeQueries.snapshot(2, "kubernetes/core");
        publish(new ToolsetEvent.ConfigApplied(FakeQueries.snapshot(1), queries.active,
                ToolsetEvent.ApplyReason.IMMEDIATE, Set.of(KUBE), 0, AT));
        List<Meter.Id> ids = registry.getMeters().stream().map(Meter::getId)
                .filter(id -> !id.getName().endsWith(".histogram")).toList();
        Set<String> names = ids.stream().map(Meter.Id::getName).collect(Collectors.toSet());
        assertEquals(17, names.size(), names.toString());
        for (Meter.Id id : ids) {
            assertTrue(id.getName().startsWith(MetricNames.PREFIX), id.getName());
            assertTrue(id.getDescription() != null && !id.getDescription().isBlank(), id.getName());
            assertTrue(id.getBaseUnit() != null && !id.getBaseUnit().isBlank(), id.getName());
        }
    }

    // ---- cardinality -------------------------------------------------------------------------------

    @Test
    void errorTypesPastTheCapCountAsOther() {
        bound(new LabelLimits(1000, 2));
        for (String type : List.of("Timeout", "AuthError", "DnsError", "Timeout", "TlsError")) {
            publish(failure("kubernetes/core", type, 1));
        }
        Map<String, Double> counts = counters(MetricNames.TOOLSET_FAILURES, MetricNames.ERROR_TYPE);
        assertEquals(Map.of("Timeout", 2.0, "AuthError", 1.0, "other", 2.0), counts);
    }

    @Test
    void toolsetsPastTheCapShareOneSeriesAndGetNoGauge() {
        bound(new LabelLimits(2, 20));
        for (String toolset : List.of("a", "b", "c", "d", "a")) {
            publish(failure(toolset, "Timeout", 1));
        }
        assertEquals(Map.of("a", 2.0, "b", 1.0, "_other", 2.0),
                counters(MetricNames.TOOLSET_FAILURES, MetricNames.TOOLSET));
        assertEquals(2, registry.find(MetricNames.TOOLSET_FAILURE_COUNT).gauges().size());
    }

    // ---- hot path -------------------------------------------------------------------------------

    @Test
    void repeatedEventsReuseCachedMetersWithoutAskingTheRegistry() {
        AtomicInteger registryLookups = new AtomicInteger();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                registryLookups.incrementAndGet();
                return id;
            }
        });
        bound();
        List<ToolsetEvent> round = List.of(
                failure("kubernetes/core", "Timeout", 3),
                new ToolsetEvent.FailureThresholdReached(KUBE, 3, 3, "Timeout", "timed out", AT),
                new ToolsetEvent.ReloadCooldownActive(KUBE, 4, Duration.ofSeconds(1), AT),
                new ToolsetEvent.AutoReloadCompleted(KUBE, new ReloadOutcome.ConfigUnchanged(SUM), 3,
                        Duration.ofMillis(1), AT),
                new ToolsetEvent.ReloadCompleted(ReloadTrigger.POLL, new ReloadOutcome.ConfigUnchanged(SUM),
                        ToolsetEvent.Rejection.NONE, Duration.ofMillis(1), AT));
        round.forEach(this::publish);
        int afterFirstRound = registryLookups.get();
        for (int i = 0; i < 1000; i++) {
            round.forEach(this::publish);
        }
        assertEquals(afterFirstRound, registryLookups.get());
        assertEquals(1001.0, registry.get(MetricNames.CONFIGMAP_RELOAD).counter().count());
    }

    @Test
    void concurrentFailuresAreCountedExactlyWithinTheCaps() throws Exception {
        bound(new LabelLimits(1000, 20));
        int threads = 8;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        publish(failure("toolset-" + ((i + seed) % 50), "Error" + ((i * 7 + seed) % 30), 1));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        double total = registry.find(MetricNames.TOOLSET_FAILURES).counters().stream().mapToDouble(c -> c.count()).sum();
        assertEquals(threads * perThread, total);
        Set<String> errorTypes = registry.find(MetricNames.TOOLSET_FAILURES).counters().stream()
                .map(c -> c.getId().getTag(MetricNames.ERROR_TYPE)).collect(Collectors.toSet());
        assertEquals(21, errorTypes.size());
        assertTrue(errorTypes.contains("other"));
        assertEquals(50, registry.find(MetricNames.TOOLSET_FAILURE_COUNT).gauges().size());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static ToolsetEvent.FailureRecorded failure(String toolset, String errorType, int consecutive) {
        FailureRecord record = FailureRecord.none(ToolsetName.of(toolset));
        for (int i = 0; i < consecutive; i++) {
            record = record.withFailure(errorType, "it failed", AT);
        }
        return new ToolsetEvent.FailureRecorded(record, 3, AT);
    }

    private Map<String, Double> counters(String name, String tag) {
        Map<String, Double> counts = new HashMap<>();
        registry.find(name).counters().forEach(c -> counts.merge(c.getId().getTag(tag), c.count(), Double::sum));
        return counts;
    }

    /** The measurements that {@code event} changed, added ({@code value}) or removed ({@link #GONE}). */
    private Map<String, Double> moved(ToolsetEvent event) {
        Map<String, Double> before = read(registry, false);
        publish(event);
        Map<String, Double> after = read(registry, false);
        Map<String, Double> moved = new TreeMap<>();
        after.forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                moved.put(key, value);
            }
        });
        before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(key -> moved.put(key, GONE));
        return moved;
    }

    private static Map<String, Double> read(MeterRegistry registry) {
        return read(registry, false);
    }

    /**
     * Every measurement by meter id and statistic. SimpleMeterRegistry shows histogram buckets as
     * extra {@code .histogram} gauges; they are left out unless asked for.
     */
    private static Map<String, Double> read(MeterRegistry registry, boolean withBuckets) {
        Map<String, Double> values = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            if (!withBuckets && meter.getId().getName().endsWith(".histogram")) {
                continue;
            }
            String tags = meter.getId().getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                    .collect(Collectors.joining(","));
            String id = meter.getId().getName() + (tags.isEmpty() ? "" : "{" + tags + "}");
            for (Measurement measurement : meter.measure()) {
                values.put(id + ":" + measurement.getStatistic(), measurement.getValue());
            }
        }
        return values;
    }

}
