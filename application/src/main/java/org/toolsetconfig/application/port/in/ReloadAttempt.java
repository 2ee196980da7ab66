package org.toolsetconfig.application.port.in;

import java.time.Duration;
import java.util.Objects;
import org.toolsetconfig.domain.ReloadOutcome;

/** Whether a failure forced a re-check of the file, and what it found. */
public sealed interface ReloadAttempt
        permits ReloadAttempt.NotDue, ReloadAttempt.BlockedByCooldown, ReloadAttempt.Attempted {

    /** The answer for a failure below the threshold; it has no state, so one instance serves every call. */
    NotDue NOT_DUE = new NotDue();

    /** Below the threshold: no re-check. */
    record NotDue() implements ReloadAttempt {
    }

    /** At or past the threshold, but inside the toolset's cooldown: no re-check for {@code remaining}. */
    record BlockedByCooldown(Duration remaining) implements ReloadAttempt {
        public BlockedByCooldown {
            Objects.requireNonNull(remaining, "remaining");
        }
    }

    /** The file was re-checked with this outcome. */
    record Attempted(ReloadOutcome outcome) implements ReloadAttempt {
        public Attempted {
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
