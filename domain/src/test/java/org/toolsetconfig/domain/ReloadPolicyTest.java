package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReloadPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final ReloadPolicy policy = new ReloadPolicy(3, Duration.ofSeconds(60));

    @Test
    void belowTheThresholdNothingHappens() {
        assertEquals(ReloadDecision.BELOW_THRESHOLD, policy.decide(2, Optional.empty(), NOW));
    }

    @Test
    void reachingTheThresholdIsDueWhenNoRecheckWasForced() {
        assertEquals(ReloadDecision.RECHECK_DUE, policy.decide(3, Optional.empty(), NOW));
    }

    @Test
    void furtherFailuresInsideTheCooldownAreBlockedAndDueAfterIt() {
        Optional<Instant> forced = Optional.of(NOW);
        assertEquals(ReloadDecision.COOLING_DOWN, policy.decide(4, forced, NOW.plusSeconds(59)));
        assertEquals(Duration.ofSeconds(1), policy.cooldownRemaining(forced, NOW.plusSeconds(59)));
        assertEquals(ReloadDecision.RECHECK_DUE, policy.decide(5, forced, NOW.plusSeconds(60)));
    }

    @Test
    void zeroCooldownRechecksAtEveryFailurePastTheThreshold() {
        ReloadPolicy eager = new ReloadPolicy(1, Duration.ZERO);
        assertEquals(ReloadDecision.RECHECK_DUE, eager.decide(7, Optional.of(NOW), NOW));
    }

    @Test
    void refusesThresholdsOutsideOneToTenAndNegativeCooldownNamingTheSetting() {
        InvalidValueException zero = assertThrows(InvalidValueException.class,
                () -> new ReloadPolicy(0, Duration.ZERO));
        InvalidValueException eleven = assertThrows(InvalidValueException.class,
                () -> new ReloadPolicy(11, Duration.ZERO));
        InvalidValueException negative = assertThrows(InvalidValueException.class,
                () -> new ReloadPolicy(3, Duration.ofSeconds(-1)));
        assertTrue(zero.getMessage().contains("maxFailuresBeforeReload") && zero.getMessage().contains("1 and 10"));
        assertTrue(eleven.getMessage().contains("was 11"));
        assertTrue(negative.getMessage().contains("reloadCooldown"));
    }
}
