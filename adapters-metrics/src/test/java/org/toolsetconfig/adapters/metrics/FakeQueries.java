package org.toolsetconfig.adapters.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.LastReload;
import org.toolsetconfig.application.port.in.PendingReload;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.ServiceStatus;
import org.toolsetconfig.application.port.in.ToolsetView;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.RevisionStamp;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetHealth;
import org.toolsetconfig.domain.ToolsetName;

/** Service state that a test sets by hand, for the gauges to read. */
final class FakeQueries implements QueryToolsetsUseCase {

    static final Instant T0 = Instant.parse("2026-01-02T00:00:00Z");

    volatile ConfigSnapshot active = ConfigSnapshot.none(T0);
    volatile Optional<PendingReload> pending = Optional.empty();
    volatile Optional<LastReload> lastReload = Optional.empty();
    volatile Optional<Instant> lastSuccessAt = Optional.empty();
    volatile int sessions;
    volatile CoreSettings settings = CoreSettings.defaults();
    final Map<ToolsetName, FailureRecord> failures = new ConcurrentSkipListMap<>();

    static ConfigSnapshot snapshot(long generation, String... names) {
        List<Toolset> toolsets = new ArrayList<>();
        for (String name : names) {
            toolsets.add(Toolset.named(name));
        }
        byte[] bytes = String.join("\n", names).getBytes(StandardCharsets.UTF_8);
        return new ConfigSnapshot(generation, toolsets, Checksum.sha256(bytes), new RevisionStamp(T0, bytes.length), T0);
    }

    void consecutive(String toolset, int count) {
        ToolsetName name = ToolsetName.of(toolset);
        failures.put(name, new FailureRecord(name, count, count, Optional.of(T0), "Timeout", "timed out"));
    }

    @Override
    public ConfigSnapshot activeSnapshot() {
        return active;
    }

    @Override
    public Optional<PendingReload> pendingReload() {
        return pending;
    }

    @Override
    public ToolsetView toolset(ToolsetName name) {
        Optional<Toolset> defined = active.definedToolset(name);
        return new ToolsetView(defined, Optional.ofNullable(failures.get(name)), defined.map(this::health));
    }

    @Override
    public ToolsetHealth health(Toolset toolset) {
        FailureRecord record = failures.get(toolset.name());
        return ToolsetHealth.of(toolset.enabled(), record == null ? 0 : record.consecutiveFailures(),
                settings.reloadPolicy().maxFailuresBeforeReload());
    }

    @Override
    public List<FailureRecord> failures() {
        return List.copyOf(failures.values());
    }

    @Override
    public ServiceStatus status() {
        return new ServiceStatus(true, active, pending, lastReload, lastSuccessAt, sessions, failures.size(),
                settings, active.checksum(), Optional.empty(), List.of());
    }
}
