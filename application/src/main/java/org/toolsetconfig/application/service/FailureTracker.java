package org.toolsetconfig.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadDecision;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ToolsetName;

/**
 * The one owner of every toolset's failure history and cooldown. Each toolset's entry is guarded by
 * its own monitor, so different toolsets never contend; the number of tracked names is capped
 * exactly, even under concurrent first failures.
 */
final class FailureTracker {

    /** One failure counted: the record after it, and what the policy decided. */
    record FailureStep(FailureRecord record, ReloadDecision decision, Duration cooldownRemaining) {
    }

    /** One success counted: the record after it, and the consecutive failures it ended. */
    record SuccessStep(FailureRecord record, int previousConsecutiveFailures) {
    }

    private static final class Entry {
        private FailureRecord record;
        private Optional<Instant> lastForcedRecheck = Optional.empty();

        private Entry(ToolsetName name) {
            this.record = FailureRecord.none(name);
        }
    }

    private final ConcurrentHashMap<ToolsetName, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger tracked = new AtomicInteger();
    private final int maxTracked;
    private final ReloadPolicy policy;

    FailureTracker(int maxTracked, ReloadPolicy policy) {
        this.maxTracked = maxTracked;
        this.policy = policy;
    }

    /**
     * Counts one failure and decides, under the same lock, whether it forces a re-check; when it
     * does, the cooldown starts now so a concurrent failure cannot force a second one. Empty when
     * the name is new and the cap is reached.
     */
    Optional<FailureStep> recordFailure(ToolsetName name, String errorType, String errorMessage, Instant now) {
        Entry entry = admit(name);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            entry.record = entry.record.withFailure(errorType, errorMessage, now);
            ReloadDecision decision = policy.decide(entry.record.consecutiveFailures(), entry.lastForcedRecheck, now);
            Duration remaining = Duration.ZERO;
            if (decision == ReloadDecision.RECHECK_DUE) {
                entry.lastForcedRecheck = Optional.of(now);
            } else if (decision == ReloadDecision.COOLING_DOWN) {
                remaining = policy.cooldownRemaining(entry.lastForcedRecheck, now);
            }
            return Optional.of(new FailureStep(entry.record, decision, remaining));
        }
    }

    /**
     * Records a success: consecutive failures back to 0, the total kept. An untracked name stays
     * untracked.
     */
    SuccessStep recordSuccess(ToolsetName name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            return new SuccessStep(FailureRecord.none(name), 0);
        }
        synchronized (entry) {
            int previous = entry.record.consecutiveFailures();
            entry.record = entry.record.withConsecutiveReset();
            return new SuccessStep(entry.record, previous);
        }
    }

    /** Resets the consecutive count of each tracked name in {@code names} (B6). */
    void resetConsecutive(Set<ToolsetName> names) {
        for (ToolsetName name : names) {
            Entry entry = entries.get(name);
            if (entry != null) {
                synchronized (entry) {
                    entry.record = entry.record.withConsecutiveReset();
                }
            }
        }
    }

    Optional<FailureRecord> record(ToolsetName name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            return Optional.of(entry.record);
        }
    }

    List<FailureRecord> records() {
        List<FailureRecord> all = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            synchronized (entry) {
                all.add(entry.record);
            }
        }
        all.sort(Comparator.comparing(FailureRecord::toolset));
        return all;
    }

    int trackedCount() {
        return tracked.get();
    }

    int maxTracked() {
        return maxTracked;
    }

    private Entry admit(ToolsetName name) {
        Entry existing = entries.get(name);
        if (existing != null) {
            return existing;
        }
        // The reservation happens inside computeIfAbsent, which runs at most once per absent key,
        // so the cap holds exactly however many threads report new names at once.
        return entries.computeIfAbsent(name, key -> {
            if (tracked.incrementAndGet() > maxTracked) {
                tracked.decrementAndGet();
                return null;
            }
            return new Entry(key);
        });
    }
}
