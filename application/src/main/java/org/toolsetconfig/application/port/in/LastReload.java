package org.toolsetconfig.application.port.in;

import java.time.Instant;
import java.util.Objects;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/** The most recent re-check: what triggered it, what it found, when it ended. */
public record LastReload(ReloadTrigger trigger, ReloadOutcome outcome, Instant at) {

    public LastReload {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
