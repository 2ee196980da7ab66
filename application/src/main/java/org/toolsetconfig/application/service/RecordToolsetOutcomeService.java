package org.toolsetconfig.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.ToolsetName;

/**
 * Counts failures and successes (B3) and forces a re-check when a toolset reaches the threshold (B4, B6).
 * The common case — a failure below the threshold, a success — reads the clock at most once (the
 * failure's instant is part of its record), swaps one record and builds an event only when someone
 * listens: this is the path every investigation reports through.
 */
final class RecordToolsetOutcomeService implements RecordToolsetOutcomeUseCase {

    private final FailureTracker tracker;
    private final HealthTransitions health;
    private final Reloader reloader;
    private final EventPublisher events;
    private final Clock clock;
    private final int threshold;

    RecordToolsetOutcomeService(FailureTracker tracker, HealthTransitions health, Reloader reloader,
                                EventPublisher events, Clock clock, int threshold) {
        this.tracker = tracker;
        this.health = health;
        this.reloader = reloader;
        this.events = events;
        this.clock = clock;
        this.threshold = threshold;
    }

    @Override
    public RecordFailureResult recordFailure(RecordFailureCommand command) {
        ToolsetName toolset = command.toolset();
        Instant now = clock.instant();
        FailureRecord record = tracker.recordFailure(toolset, command.errorType().orElse(null),
                command.errorMessage().orElse(null), now);
        if (record == null) {
            events.publish(new ToolsetEvent.FailureNotTracked(toolset, tracker.maxTracked(), now));
            return new RecordFailureResult.Refused("'" + toolset + "' is not a toolset of the active config, and the "
                    + tracker.maxTracked() + " places for such names (TOOLSET_MAX_TRACKED) are held by names that"
                    + " still have consecutive failures, so this failure was not recorded; a place frees up when"
                    + " one of them succeeds, or raise TOOLSET_MAX_TRACKED");
        }
        if (events.isListenedTo()) {
            events.publish(new ToolsetEvent.FailureRecorded(record, threshold, now));
        }
        int consecutive = record.consecutiveFailures();
        if (consecutive == 1 || consecutive == threshold) {
            // Health moves only at these two counts; every other failure keeps the hot path free of it.
            health.refresh(toolset, () -> now);
        }
        if (consecutive < threshold) {
            return new RecordFailureResult.Recorded(record, ReloadAttempt.NOT_DUE);
        }
        Duration cooldownRemaining = tracker.claimRecheck(toolset, now);
        if (cooldownRemaining.isZero()) {
            return recheck(record);
        }
        events.publish(new ToolsetEvent.ReloadCooldownActive(toolset, consecutive, cooldownRemaining, now));
        return new RecordFailureResult.Recorded(record, new ReloadAttempt.BlockedByCooldown(cooldownRemaining));
    }

    private RecordFailureResult recheck(FailureRecord record) {
        ToolsetName toolset = record.toolset();
        Instant start = clock.instant();
        // The instant the policy decided on (the failure's), not a later reading of the clock: the
        // cooldown is measured between these, so the event must carry the same instant.
        events.publish(new ToolsetEvent.FailureThresholdReached(toolset, record.consecutiveFailures(), threshold,
                record.lastErrorType(), record.lastErrorMessage(), record.lastFailureAt().orElse(start)));
        ReloadOutcome outcome = reloader.reload(ReloadTrigger.FAILURE_THRESHOLD);
        if (outcome instanceof ReloadOutcome.ConfigChanged) {
            // B6: the file changed, so the failures were counted against a definition that is gone.
            tracker.resetConsecutive(Set.of(toolset));
            health.refresh(toolset, clock::instant);
        }
        Instant end = clock.instant();
        events.publish(new ToolsetEvent.AutoReloadCompleted(toolset, outcome, record.consecutiveFailures(),
                Duration.between(start, end), end));
        FailureRecord after = tracker.record(toolset).orElse(record);
        return new RecordFailureResult.Recorded(after, new ReloadAttempt.Attempted(outcome));
    }

    @Override
    public FailureRecord recordSuccess(ToolsetName toolset) {
        FailureTracker.SuccessStep step = tracker.recordSuccess(toolset);
        if (events.isListenedTo()) {
            // The record needs no instant for a success; only its event does, so only a listener pays for it.
            events.publish(new ToolsetEvent.SuccessRecorded(step.record(), step.previousConsecutiveFailures(),
                    clock.instant()));
        }
        if (step.previousConsecutiveFailures() > 0) {
            health.refresh(toolset, clock::instant);
        }
        return step.record();
    }
}
