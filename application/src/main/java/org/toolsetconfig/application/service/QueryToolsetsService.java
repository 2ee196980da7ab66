package org.toolsetconfig.application.service;

import java.util.List;
import java.util.Optional;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.PendingReload;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.ServiceStatus;
import org.toolsetconfig.application.port.in.ToolsetView;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetHealth;
import org.toolsetconfig.domain.ToolsetName;

/** Read-only views assembled from the owners of the state. */
final class QueryToolsetsService implements QueryToolsetsUseCase {

    private final ConfigurationState state;
    private final FailureTracker tracker;
    private final Reloader reloader;
    private final ChangeHistory history;
    private final CoreSettings settings;

    QueryToolsetsService(ConfigurationState state, FailureTracker tracker, Reloader reloader, ChangeHistory history,
                         CoreSettings settings) {
        this.state = state;
        this.tracker = tracker;
        this.reloader = reloader;
        this.history = history;
        this.settings = settings;
    }

    @Override
    public ConfigSnapshot activeSnapshot() {
        return state.active();
    }

    @Override
    public Optional<PendingReload> pendingReload() {
        return state.pending();
    }

    @Override
    public ToolsetView toolset(ToolsetName name) {
        Optional<Toolset> defined = state.active().definedToolset(name);
        return new ToolsetView(defined, tracker.record(name), defined.map(this::health));
    }

    @Override
    public ToolsetHealth health(Toolset toolset) {
        int consecutive = tracker.record(toolset.name()).map(FailureRecord::consecutiveFailures).orElse(0);
        return ToolsetHealth.of(toolset.enabled(), consecutive, settings.reloadPolicy().maxFailuresBeforeReload());
    }

    @Override
    public List<FailureRecord> failures() {
        return tracker.records();
    }

    @Override
    public ServiceStatus status() {
        ConfigSnapshot active = state.active();
        return new ServiceStatus(active.isLoaded() || settings.devMode(), active, state.pending(),
                reloader.lastReload(), reloader.lastSuccessAt(), state.sessionCount(), tracker.trackedCount(),
                settings, history.observed(), history.lastRejected(), state.activeWarnings());
    }
}
