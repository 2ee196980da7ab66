package org.toolsetconfig.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadDecision;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ToolsetName;

/**
 * The one owner of every toolset's failure history and cooldown. Each toolset's entry is guarded by
 * its own monitor, so different toolsets never contend. Toolsets of the active config are always
 * tracked; other names share {@code maxTracked} places, counted exactly under one admission lock
 * that only a name's first failure takes (B3).
 */
final class FailureTracker {

    /** One failure counted: the record after it, and what the policy decided. */
    record FailureStep(FailureRecord record, ReloadDecision decision, Duration cooldownRemaining) {
    }

    /** One success counted: the record after it, and the consecutive failures it ended. */
    record SuccessStep(FailureRecord record, int previousConsecutiveFailures) {
    }

    private static final class Entry {
        private final ToolsetName name;
        private FailureRecord record;
        private Optional<Instant> lastForcedRecheck = Optional.empty();
        /** Holds one of the capped places; guarded by {@link #admission}. */
        private boolean capped;
        /** Removed from the map; a thread that still holds it starts over. Guarded by the entry. */
        private boolean evicted;

        private Entry(ToolsetName name, boolean capped) {
            this.name = name;
            this.record = FailureRecord.none(name);
            this.capped = capped;
        }
    }

    private final ConcurrentHashMap<ToolsetName, Entry> entries = new ConcurrentHashMap<>();
    private final Object admission = new Object();
    private Set<ToolsetName> defined = Set.of();
    private int cappedCount;
    private final int maxTracked;
    private final ReloadPolicy policy;

    FailureTracker(int maxTracked, ReloadPolicy policy) {
        this.maxTracked = maxTracked;
        this.policy = policy;
    }

    /**
     * Counts one failure and decides, under the same lock, whether it forces a re-check; when it
     * does, the cooldown starts now so a concurrent failure cannot force a second one. Empty when
     * the name is outside the active config, new, and no place can be made for it.
     */
    Optional<FailureStep> recordFailure(ToolsetName name, String errorType, String errorMessage, Instant now) {
        Entry entry = entries.get(name);
        while (true) {
            if (entry == null) {
                entry = admit(name);
                if (entry == null) {
                    return Optional.empty();
                }
            }
            synchronized (entry) {
                if (entry.evicted) {
                    entry = null;
                    continue;
                }
                entry.record = entry.record.withFailure(errorType, errorMessage, now);
                ReloadDecision decision = policy.decide(entry.record.consecutiveFailures(), entry.lastForcedRecheck,
                        now);
                Duration remaining = Duration.ZERO;
                if (decision == ReloadDecision.RECHECK_DUE) {
                    entry.lastForcedRecheck = Optional.of(now);
                } else if (decision == ReloadDecision.COOLING_DOWN) {
                    remaining = policy.cooldownRemaining(entry.lastForcedRecheck, now);
                }
                return Optional.of(new FailureStep(entry.record, decision, remaining));
            }
        }
    }

    /**
     * Makes {@code names} (the toolsets of the config just applied) the ones always tracked; every
     * other tracked name now holds one of the capped places. Removing toolsets may leave more
     * names than places: new names are then refused until enough of them can be evicted.
     */
    void define(Set<ToolsetName> names) {
        synchronized (admission) {
            defined = Set.copyOf(names);
            int count = 0;
            for (Entry entry : entries.values()) {
                entry.capped = !defined.contains(entry.name);
                count += entry.capped ? 1 : 0;
            }
            cappedCount = count;
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
            if (entry.evicted) {
                return new SuccessStep(FailureRecord.none(name), 0);
            }
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
        return entries.size();
    }

    int maxTracked() {
        return maxTracked;
    }

    private Entry admit(ToolsetName name) {
        synchronized (admission) {
            Entry existing = entries.get(name);
            if (existing != null) {
                return existing;
            }
            boolean capped = !defined.contains(name);
            if (capped) {
                while (cappedCount >= maxTracked) {
                    if (!evictOneIdle()) {
                        return null;
                    }
                }
                cappedCount++;
            }
            Entry entry = new Entry(name, capped);
            entries.put(name, entry);
            return entry;
        }
    }

    /**
     * Evicts the capped name whose last failure is oldest among those with no consecutive
     * failures; such a name has nothing the re-check policy still needs. False when there is none.
     * Called under the admission lock; the scan is linear, but only a new name at a full cap pays it.
     */
    private boolean evictOneIdle() {
        while (true) {
            Entry idlest = null;
            Instant idlestAt = null;
            for (Entry entry : entries.values()) {
                if (!entry.capped) {
                    continue;
                }
                synchronized (entry) {
                    Instant at = entry.record.lastFailureAt().orElse(Instant.MIN);
                    if (entry.record.consecutiveFailures() == 0 && (idlest == null || at.isBefore(idlestAt))) {
                        idlest = entry;
                        idlestAt = at;
                    }
                }
            }
            if (idlest == null) {
                return false;
            }
            synchronized (idlest) {
                // A failure may have reached it since the scan; then it is no longer idle: look again.
                if (idlest.record.consecutiveFailures() != 0) {
                    continue;
                }
                idlest.evicted = true;
            }
            entries.remove(idlest.name);
            cappedCount--;
            return true;
        }
    }
}
