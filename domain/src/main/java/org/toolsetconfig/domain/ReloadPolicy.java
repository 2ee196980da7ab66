package org.toolsetconfig.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When failures of a toolset force a re-check of the file: once its consecutive failures reach the
 * threshold, and at each further consecutive failure once the cooldown since that toolset's last
 * forced re-check has passed. The cooldown is what stops a broken file from being re-read in a loop.
 */
public record ReloadPolicy(int maxFailuresBeforeReload, Duration cooldown) {

    /** The smallest threshold allowed. */
    public static final int MIN_THRESHOLD = 1;
    /** The largest threshold allowed. */
    public static final int MAX_THRESHOLD = 10;

    /** Refuses a threshold outside 1–10 or a negative cooldown, naming the setting. */
    public ReloadPolicy {
        if (maxFailuresBeforeReload < MIN_THRESHOLD || maxFailuresBeforeReload > MAX_THRESHOLD) {
            throw new InvalidValueException("maxFailuresBeforeReload must be between " + MIN_THRESHOLD + " and "
                    + MAX_THRESHOLD + ", was " + maxFailuresBeforeReload);
        }
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new InvalidValueException("reloadCooldown must be 0 seconds or more, was " + cooldown.toSeconds()
                    + " seconds");
        }
    }

    /** What a failure that brought the count to {@code consecutiveFailures} means at {@code now}. */
    public ReloadDecision decide(int consecutiveFailures, Optional<Instant> lastForcedRecheck, Instant now) {
        if (consecutiveFailures < maxFailuresBeforeReload) {
            return ReloadDecision.BELOW_THRESHOLD;
        }
        return cooldownRemaining(lastForcedRecheck, now).isZero()
                ? ReloadDecision.RECHECK_DUE
                : ReloadDecision.COOLING_DOWN;
    }

    /** How long until the toolset may force another re-check; zero when it may now. */
    public Duration cooldownRemaining(Optional<Instant> lastForcedRecheck, Instant now) {
        if (lastForcedRecheck.isEmpty()) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(now, lastForcedRecheck.get().plus(cooldown));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }
}
