package org.toolsetconfig.application.service;

import java.time.Clock;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/** Manual, watch, poll and startup re-checks (B1, B2, B5); failure-driven ones come from the outcome service. */
final class ReloadConfigurationService implements ReloadConfigurationUseCase {

    private final Reloader reloader;
    private final EventPublisher events;
    private final Clock clock;
    private final boolean devMode;

    ReloadConfigurationService(Reloader reloader, EventPublisher events, Clock clock, boolean devMode) {
        this.reloader = reloader;
        this.events = events;
        this.clock = clock;
        this.devMode = devMode;
    }

    @Override
    public ReloadOutcome reload(ReloadTrigger trigger) {
        return reloader.reload(trigger);
    }

    @Override
    public ReloadOutcome startup() {
        ReloadOutcome outcome = reloader.reload(ReloadTrigger.STARTUP);
        if (devMode && !(outcome instanceof ReloadOutcome.ConfigChanged)) {
            events.publish(new ToolsetEvent.DevModeStartup(outcome, clock.instant()));
        }
        return outcome;
    }
}
