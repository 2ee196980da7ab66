package org.toolsetconfig.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ToolsetName;

/**
 * The one owner of every toolset's failure history and cooldown. Each toolset's entry holds its
 * immutable {@link FailureRecord}, replaced by one compare-and-set per failure or success: no lock on
 * the path an investigation reports through, and different toolsets never contend. Toolsets of the
 * active config are always tracked; other names share {@code maxTracked} places, counted exactly
 * under one admission lock that only a name's first failure takes (B3).
 */
final class FailureTracker {

    /** One success counted: the record after it, and the consecutive failures it ended. */
    record SuccessStep(FailureRecord record, int previousConsecutiveFailures) {
    }

    /**
     * What an evicted entry's record is swapped to, compared by identity: a thread that still holds
     * the entry sees it and starts over, so no failure is counted on a record nobody can read.
     */
    private static final FailureRecord EVICTED = FailureRecord.none(ToolsetName.of("evicted"));

    private static final AtomicReferenceFieldUpdater<Entry, FailureRecord> RECORD =
            AtomicReferenceFieldUpdater.newUpdater(Entry.class, FailureRecord.class, "record");
    private static final AtomicReferenceFieldUpdater<Entry, Instant> LAST_RECHECK =
            AtomicReferenceFieldUpdater.newUpdater(Entry.class, Instant.class, "lastForcedRecheck");

    private static final class Entry {
        private final ToolsetName name;
        private volatile FailureRecord record;
        /** When this toolset last forced a re-check; null until it first does. Claimed by compare-and-set. */
        private volatile Instant lastForcedRecheck;
        /** Holds one of the capped places; guarded by {@link #admission}. */
        private boolean capped;

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
     * Counts one failure at {@code now} and returns the record after it; {@code null} when the name
     * is outside the active config, new, and no place can be made for it (the one caller turns that
     * into a refusal at once). Whether the failure forces a re-check is {@link #claimRecheck}'s call,
     * asked only at or past the threshold.
     */
    FailureRecord recordFailure(ToolsetName name, String errorType, String errorMessage, Instant now) {
        Entry entry = entries.get(name);
        while (true) {
            if (entry == null) {
                entry = admit(name);
                if (entry == null) {
                    return null;
                }
            }
            FailureRecord before = entry.record;
            if (before == EVICTED) {
                entry = null;
                continue;
            }
            FailureRecord after = before.withFailure(errorType, errorMessage, now);
            if (RECORD.compareAndSet(entry, before, after)) {
                return after;
            }
        }
    }

    /**
     * For a failure that brought {@code name} to or past the threshold: starts its cooldown now and
     * answers zero when the cooldown since its last forced re-check has passed, so of concurrent
     * failures exactly one forces the re-check; otherwise how long the cooldown still runs.
     */
    Duration claimRecheck(ToolsetName name, Instant now) {
        Entry entry = entries.get(name);
        if (entry == null) {
            // Reset by a success and evicted since its failure: it has no cooldown left to respect.
            return Duration.ZERO;
        }
        while (true) {
            Instant last = entry.lastForcedRecheck;
            Duration remaining = policy.cooldownRemaining(Optional.ofNullable(last), now);
            if (!remaining.isZero()) {
                return remaining;
            }
            if (LAST_RECHECK.compareAndSet(entry, last, now)) {
                return Duration.ZERO;
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
     * untracked. A toolset already at 0 is left as it is, without a write.
     */
    SuccessStep recordSuccess(ToolsetName name) {
        Entry entry = entries.get(name);
        FailureRecord after = null;
        int previous = 0;
        while (entry != null) {
            FailureRecord before = entry.record;
            if (before == EVICTED) {
                break;
            }
            previous = before.consecutiveFailures();
            after = before.withConsecutiveReset();
            if (after == before || RECORD.compareAndSet(entry, before, after)) {
                break;
            }
        }
        // One allocation site, so that a caller which only reads the two parts needs no object at all.
        return new SuccessStep(after == null ? FailureRecord.none(name) : after, after == null ? 0 : previous);
    }

    /** Resets the consecutive count of each tracked name in {@code names} (B6). */
    void resetConsecutive(Set<ToolsetName> names) {
        for (ToolsetName name : names) {
            Entry entry = entries.get(name);
            while (entry != null) {
                FailureRecord before = entry.record;
                FailureRecord after = before.withConsecutiveReset();
                if (before == EVICTED || after == before || RECORD.compareAndSet(entry, before, after)) {
                    break;
                }
            }
        }
    }

    Optional<FailureRecord> record(ToolsetName name) {
        Entry entry = entries.get(name);
        FailureRecord record = entry == null ? EVICTED : entry.record;
        return record == EVICTED ? Optional.empty() : Optional.of(record);
    }

    List<FailureRecord> records() {
        List<FailureRecord> all = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            FailureRecord record = entry.record;
            if (record != EVICTED) {
                all.add(record);
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
            FailureRecord idlestRecord = null;
            Instant idlestAt = null;
            for (Entry entry : entries.values()) {
                if (!entry.capped) {
                    continue;
                }
                FailureRecord record = entry.record;
                Instant at = record.lastFailureAt().orElse(Instant.MIN);
                if (record != EVICTED && record.consecutiveFailures() == 0
                        && (idlest == null || at.isBefore(idlestAt))) {
                    idlest = entry;
                    idlestRecord = record;
                    idlestAt = at;
                }
            }
            if (idlest == null) {
                return false;
            }
            // A failure may have reached it since the scan; then it is no longer idle: look again.
            if (!RECORD.compareAndSet(idlest, idlestRecord, EVICTED)) {
                continue;
            }
            entries.remove(idlest.name);
            cappedCount--;
            return true;
        }
    }
}
