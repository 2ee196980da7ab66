package org.toolsetconfig.adapters.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.ToolsetEvents;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetHealth;
import org.toolsetconfig.domain.ToolsetName;

/**
 * Every meter of DESIGN.md §7, for a built core: {@link #bindTo} registers gauges that read the
 * core's live state through its queries when scraped, and subscribes to the core's events to count
 * what happens (failures, forced re-checks, cooldown blocks, re-checks by trigger). Bind it before
 * the core's startup re-check, so that re-check is counted too.
 *
 * <p>Meters are created once per label set and cached here, so an event costs a few map reads and
 * never a registry lookup. {@code toolset} and {@code error_type} take at most {@link LabelLimits}
 * distinct values.
 */
public final class ToolsetMetrics implements MeterBinder {

    private static final String BOOLEAN = "boolean";
    private static final String FAILURES = "failures";
    private static final String RELOADS = "reloads";

    /** Forced re-checks read one small file: milliseconds normally, seconds on a struggling volume. */
    private static final Duration[] RELOAD_DURATION_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    /** The threshold is 1–10 (TOOLSET_MAX_FAILURES_BEFORE_RELOAD); later re-checks land above it. */
    private static final double[] FAILURE_COUNT_BUCKETS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    private record ToolsetResult(String toolset, String result) {
    }

    private record ToolsetErrorType(String toolset, String errorType) {
    }

    private record TriggerResult(String trigger, String result) {
    }

    private record ToolsetReason(String toolset, String reason) {
    }

    private final QueryToolsetsUseCase queries;
    private final ToolsetEvents events;
    private final BoundedLabels toolsets;
    private final BoundedLabels errorTypes;

    private final ConcurrentHashMap<ToolsetErrorType, Counter> failures = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DistributionSummary> failuresBeforeReload = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> cooldownBlocks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ToolsetResult, Counter> autoReloads = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> autoReloadDurations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TriggerResult, Counter> reloads = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> probeDurations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ToolsetReason, Counter> probeFailures = new ConcurrentHashMap<>();
    /** Registered at bind, so the series reads 0 before the first refusal and `increase()` sees the first. */
    private volatile Counter notTracked;

    /** By result then matched: all four registered at bind, so each series reads 0 before its first outcome. */
    private final Map<String, Counter> investigationOutcomes = new ConcurrentHashMap<>();
    /** The four status gauges of each defined toolset; guarded by this object's monitor. */
    private final Map<ToolsetName, List<Gauge>> statusGauges = new HashMap<>();

    private volatile MeterRegistry registry;
    private Gauge configInfo;
    private long configInfoGeneration = -1;

    /** Metrics of the core whose state {@code queries} shows and whose {@code events} they count. */
    public ToolsetMetrics(QueryToolsetsUseCase queries, ToolsetEvents events, LabelLimits limits) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.events = Objects.requireNonNull(events, "events");
        Objects.requireNonNull(limits, "limits");
        this.toolsets = new BoundedLabels(limits.toolsets(), MetricNames.OTHER_TOOLSET, this::registerFailureCount);
        this.errorTypes = new BoundedLabels(limits.errorTypes(), MetricNames.OTHER_ERROR_TYPE, type -> { });
    }

    /**
     * Registers the gauges on {@code registry}, and the per-toolset gauge of every toolset already
     * tracked, then subscribes to the events; counters follow on their first event. One registry
     * only: a second call is refused.
     */
    @Override
    public synchronized void bindTo(MeterRegistry meterRegistry) {
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        if (registry != null) {
            throw new IllegalStateException("ToolsetMetrics is bound to a registry already; bind it once");
        }
        gauge(meterRegistry, MetricNames.TOOLSETS_ACTIVE, "Toolsets enabled in the active configuration",
                "toolsets", q -> q.activeSnapshot().toolsets().size());
        gauge(meterRegistry, MetricNames.ACTIVE_INVESTIGATION_SESSIONS, "Investigation sessions registered now",
                BaseUnits.SESSIONS, q -> q.status().activeSessions());
        gauge(meterRegistry, MetricNames.RELOAD_PENDING,
                "1 while a valid changed configuration waits for active sessions to end", BOOLEAN,
                q -> q.pendingReload().isPresent() ? 1 : 0);
        gauge(meterRegistry, MetricNames.DEV_MODE_ENABLED,
                "1 when HOLMESGPT_DEV_MODE relaxes startup validation", BOOLEAN,
                q -> q.status().settings().devMode() ? 1 : 0);
        gauge(meterRegistry, MetricNames.CONFIG_LAST_RELOAD_SUCCESSFUL,
                "1 when the last re-check found a readable, valid file (changed or not)", BOOLEAN,
                q -> q.status().lastReload().map(last -> last.outcome().fileIsGood() ? 1 : 0).orElse(0));
        gauge(meterRegistry, MetricNames.CONFIG_LAST_RELOAD_SUCCESS_TIMESTAMP,
                "When a re-check last found a readable, valid file, in seconds since the epoch; 0 before any",
                "seconds", q -> q.status().lastSuccessfulReloadAt().map(ToolsetMetrics::epochSeconds).orElse(0.0));
        notTracked = Counter.builder(MetricNames.TOOLSET_FAILURES_NOT_TRACKED)
                .description("Failures not recorded because every place for names outside the config was held")
                .baseUnit(FAILURES)
                .register(meterRegistry);
        for (String result : List.of("success", "failure")) {
            for (boolean matched : new boolean[] {true, false}) {
                investigationOutcomes.put(result + matched, Counter.builder(MetricNames.INVESTIGATION_OUTCOMES)
                        .description("Investigation outcomes reported, by result and whether they concerned a toolset")
                        .baseUnit("outcomes")
                        .tag(MetricNames.RESULT, result).tag(MetricNames.MATCHED, Boolean.toString(matched))
                        .register(meterRegistry));
            }
        }
        registry = meterRegistry;
        for (FailureRecord record : queries.failures()) {
            toolsets.label(record.toolset().value());
        }
        syncConfigInfo();
        syncToolsetStatus();
        events.subscribe(this::onEvent);
    }

    /** One branch per event that moves a counter; gauges read the state and need none. */
    private void onEvent(ToolsetEvent event) {
        MeterRegistry bound = registry;
        if (event instanceof ToolsetEvent.FailureRecorded failure) {
            FailureRecord record = failure.record();
            ToolsetErrorType key = new ToolsetErrorType(toolsetLabel(record.toolset()),
                    errorTypes.label(record.lastErrorType()));
            cached(failures, key, k -> Counter.builder(MetricNames.TOOLSET_FAILURES)
                    .description("Toolset failures reported, by toolset and error type")
                    .baseUnit(FAILURES)
                    .tag(MetricNames.TOOLSET, k.toolset()).tag(MetricNames.ERROR_TYPE, k.errorType())
                    .register(bound)).increment();
        } else if (event instanceof ToolsetEvent.FailureThresholdReached reached) {
            cached(failuresBeforeReload, toolsetLabel(reached.toolset()),
                    toolset -> DistributionSummary.builder(MetricNames.CONSECUTIVE_FAILURES_BEFORE_RELOAD)
                            .description("Consecutive failures of a toolset when they forced a re-check")
                            .baseUnit(FAILURES)
                            .serviceLevelObjectives(FAILURE_COUNT_BUCKETS)
                            .tag(MetricNames.TOOLSET, toolset)
                            .register(bound)).record(reached.consecutiveFailures());
        } else if (event instanceof ToolsetEvent.ReloadCooldownActive blocked) {
            cached(cooldownBlocks, toolsetLabel(blocked.toolset()),
                    toolset -> Counter.builder(MetricNames.RELOAD_COOLDOWN_BLOCKS)
                            .description("Failures past the threshold that did not re-check because of the cooldown")
                            .baseUnit(FAILURES)
                            .tag(MetricNames.TOOLSET, toolset)
                            .register(bound)).increment();
        } else if (event instanceof ToolsetEvent.AutoReloadCompleted completed) {
            String result = completed.outcome().wireName();
            cached(autoReloads, new ToolsetResult(toolsetLabel(completed.toolset()), result),
                    k -> Counter.builder(MetricNames.AUTO_RELOAD_TRIGGERED)
                            .description("Re-checks forced by a toolset's consecutive failures, by result")
                            .baseUnit(RELOADS)
                            .tag(MetricNames.TOOLSET, k.toolset()).tag(MetricNames.RESULT, k.result())
                            .register(bound)).increment();
            cached(autoReloadDurations, result, r -> Timer.builder(MetricNames.AUTO_RELOAD_DURATION)
                    .description("How long re-checks forced by failures took, by result")
                    .serviceLevelObjectives(RELOAD_DURATION_BUCKETS)
                    .tag(MetricNames.RESULT, r)
                    .register(bound)).record(completed.duration());
        } else if (event instanceof ToolsetEvent.ReloadCompleted completed) {
            cached(reloads, new TriggerResult(completed.trigger().wireName(), completed.outcome().wireName()),
                    k -> Counter.builder(MetricNames.CONFIGMAP_RELOAD)
                            .description("Re-checks of the configuration file, by trigger and result")
                            .baseUnit(RELOADS)
                            .tag(MetricNames.TRIGGER, k.trigger()).tag(MetricNames.RESULT, k.result())
                            .register(bound)).increment();
        } else if (event instanceof ToolsetEvent.FailureNotTracked) {
            notTracked.increment();
        } else if (event instanceof ToolsetEvent.ConfigApplied) {
            syncConfigInfo();
            syncToolsetStatus();
        } else if (event instanceof ToolsetEvent.InvestigationOutcomeRecorded outcome) {
            boolean matched = !outcome.charged().isEmpty() || !outcome.reset().isEmpty();
            investigationOutcomes.get((outcome.success() ? "success" : "failure") + matched).increment();
        } else if (event instanceof ToolsetEvent.ProbeCompleted probe) {
            probed(bound, probe);
        }
    }

    /**
     * Startup probes run once per enabled toolset of the file, so their toolset label is bounded by
     * the file and does not take a place among the tracked names (nor start a failure-count gauge).
     */
    private void probed(MeterRegistry bound, ToolsetEvent.ProbeCompleted probe) {
        if (probe.result() instanceof ProbeResult.Skipped) {
            return;
        }
        String toolset = probe.toolset().value();
        cached(probeDurations, toolset, t -> Timer.builder(MetricNames.STARTUP_VALIDATION_DURATION)
                .description("How long the startup connectivity probe of a toolset took")
                .tag(MetricNames.TOOLSET, t)
                .register(bound)).record(probe.result().duration());
        if (probe.result() instanceof ProbeResult.Unreachable down) {
            cached(probeFailures, new ToolsetReason(toolset, down.reason().wireName()),
                    k -> Counter.builder(MetricNames.STARTUP_VALIDATION_FAILURES)
                            .description("Toolsets found unreachable by the startup connectivity probes, by reason")
                            .baseUnit(FAILURES)
                            .tag(MetricNames.TOOLSET, k.toolset()).tag(MetricNames.FAILURE_REASON, k.reason())
                            .register(bound)).increment();
        }
    }

    private String toolsetLabel(ToolsetName name) {
        return toolsets.label(name.value());
    }

    /** Runs once per admitted toolset, when its first failure (or the bind) brings it in. */
    private void registerFailureCount(String toolset) {
        ToolsetName name = ToolsetName.of(toolset);
        Gauge.builder(MetricNames.TOOLSET_FAILURE_COUNT, this, self -> self.queries.toolset(name).failures()
                        .map(FailureRecord::consecutiveFailures).orElse(0))
                .description("Consecutive failures of a toolset now (0 after a success or a change of its definition)")
                .baseUnit(FAILURES)
                .tag(MetricNames.TOOLSET, toolset)
                .strongReference(true)
                .register(registry);
    }

    /**
     * Makes {@code config_info} show the active snapshot, read live rather than from the event so
     * that events delivered out of order cannot leave an old generation showing. The new series is
     * registered before the old one goes, so a scrape never sees none.
     */
    private synchronized void syncConfigInfo() {
        ConfigSnapshot active = queries.activeSnapshot();
        if (active.generation() == configInfoGeneration) {
            return;
        }
        Gauge previous = configInfo;
        configInfo = Gauge.builder(MetricNames.CONFIG_INFO, () -> 1)
                .description("Always 1; the labels name the active configuration's SHA-256 and generation")
                .baseUnit("info")
                .tag(MetricNames.CHECKSUM, active.checksum().hex())
                .tag(MetricNames.GENERATION, Long.toString(active.generation()))
                .strongReference(true)
                .register(registry);
        configInfoGeneration = active.generation();
        if (previous != null) {
            registry.remove(previous);
        }
    }

    /**
     * Keeps one set of status gauges per toolset the active configuration defines: the label set is
     * bounded by the file, and a removed toolset's series go. Each gauge reads the health live.
     */
    private synchronized void syncToolsetStatus() {
        ConfigSnapshot active = queries.activeSnapshot();
        statusGauges.entrySet().removeIf(entry -> {
            if (active.definedToolset(entry.getKey()).isPresent()) {
                return false;
            }
            entry.getValue().forEach(registry::remove);
            return true;
        });
        for (Toolset toolset : active.definedToolsets()) {
            ToolsetName name = toolset.name();
            statusGauges.computeIfAbsent(name, key -> Arrays.stream(ToolsetHealth.values())
                    .map(status -> Gauge.builder(MetricNames.TOOLSET_STATUS, this,
                                    self -> self.healthOf(key).filter(status::equals).isPresent() ? 1 : 0)
                            .description("1 for a defined toolset's health now (healthy, degraded, failing, disabled), "
                                    + "0 for the others")
                            .baseUnit(BOOLEAN)
                            .tag(MetricNames.TOOLSET, key.value()).tag(MetricNames.STATUS, status.wireName())
                            .strongReference(true)
                            .register(registry))
                    .toList());
        }
    }

    private Optional<ToolsetHealth> healthOf(ToolsetName name) {
        return queries.activeSnapshot().definedToolset(name).map(queries::health);
    }

    private void gauge(MeterRegistry meterRegistry, String name, String description, String baseUnit,
                       ToDoubleFunction<QueryToolsetsUseCase> value) {
        Gauge.builder(name, this, self -> value.applyAsDouble(self.queries))
                .description(description)
                .baseUnit(baseUnit)
                .strongReference(true)
                .register(meterRegistry);
    }

    private static double epochSeconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }

    private static <K, M> M cached(ConcurrentHashMap<K, M> cache, K key, Function<K, M> create) {
        M meter = cache.get(key);
        return meter != null ? meter : cache.computeIfAbsent(key, create);
    }
}
