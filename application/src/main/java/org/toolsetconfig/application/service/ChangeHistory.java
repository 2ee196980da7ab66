package org.toolsetconfig.application.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.toolsetconfig.application.port.in.DiffQuery;
import org.toolsetconfig.application.port.in.DiffResult;
import org.toolsetconfig.application.port.in.HistoryEntry;
import org.toolsetconfig.application.port.in.QueryHistoryUseCase;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ToolsetDiff;

/**
 * The change history (DESIGN §12) and what the source last held, kept from the core's own events:
 * the last {@code size} versions applied or refused, newest last in memory, the last refusal (kept
 * when the history has moved past it) and the checksum each re-check found. It is the core's first
 * event listener, so whoever reacts to an event already finds it here.
 */
final class ChangeHistory implements QueryHistoryUseCase, ToolsetEventListener {

    private final int size;

    // Guarded by this object's monitor.
    private final ArrayDeque<HistoryEntry> entries = new ArrayDeque<>();
    private ToolsetEvent.ConfigApplied awaitingTrigger;
    private HistoryEntry.Rejected lastRejected;
    private Checksum observed = Checksum.NONE;

    ChangeHistory(int size) {
        this.size = size;
    }

    @Override
    public synchronized void onEvent(ToolsetEvent event) {
        if (event instanceof ToolsetEvent.ConfigApplied applied) {
            if (applied.reason() == ToolsetEvent.ApplyReason.IMMEDIATE) {
                // The re-check that applied it reports its trigger right after, on this thread.
                awaitingTrigger = applied;
            } else {
                add(entry(applied, applied.reason().name().toLowerCase(Locale.ROOT)));
            }
        } else if (event instanceof ToolsetEvent.ReloadCompleted completed) {
            observed = observed(completed.outcome());
            if (awaitingTrigger != null) {
                add(entry(awaitingTrigger, completed.trigger().wireName()));
                awaitingTrigger = null;
            }
            // Bytes refused before are refused again on every poll; they are one entry, not one a minute.
            if (completed.outcome() instanceof ReloadOutcome.ValidationFailed failed
                    && completed.rejection() != ToolsetEvent.Rejection.REPEATED) {
                lastRejected = new HistoryEntry.Rejected(failed.checksum(), completed.at(),
                        completed.trigger().wireName(), failed.problems());
                add(lastRejected);
            }
        }
    }

    @Override
    public synchronized List<HistoryEntry> history() {
        List<HistoryEntry> newestFirst = new ArrayList<>(entries.size());
        entries.descendingIterator().forEachRemaining(newestFirst::add);
        return newestFirst;
    }

    @Override
    public synchronized Optional<ConfigSnapshot> applied(long generation) {
        for (HistoryEntry entry : entries) {
            if (entry instanceof HistoryEntry.Applied applied && applied.snapshot().generation() == generation) {
                return Optional.of(applied.snapshot());
            }
        }
        return Optional.empty();
    }

    @Override
    public DiffResult diff(DiffQuery query) {
        Optional<ConfigSnapshot> from = applied(query.from());
        if (from.isEmpty()) {
            return new DiffResult.NotKept(query.from());
        }
        Optional<ConfigSnapshot> to = applied(query.to());
        if (to.isEmpty()) {
            return new DiffResult.NotKept(query.to());
        }
        return new DiffResult.Diffed(query.from(), query.to(),
                ToolsetDiff.between(from.get().toolsets(), to.get().toolsets()));
    }

    synchronized Checksum observed() {
        return observed;
    }

    synchronized Optional<HistoryEntry.Rejected> lastRejected() {
        return Optional.ofNullable(lastRejected);
    }

    private static HistoryEntry.Applied entry(ToolsetEvent.ConfigApplied applied, String trigger) {
        return new HistoryEntry.Applied(applied.current(), trigger,
                ToolsetDiff.between(applied.previous().toolsets(), applied.current().toolsets()));
    }

    private void add(HistoryEntry entry) {
        entries.addLast(entry);
        while (entries.size() > size) {
            entries.removeFirst();
        }
    }

    private static Checksum observed(ReloadOutcome outcome) {
        if (outcome instanceof ReloadOutcome.ConfigChanged changed) {
            return changed.checksum();
        }
        if (outcome instanceof ReloadOutcome.ConfigUnchanged unchanged) {
            return unchanged.checksum();
        }
        if (outcome instanceof ReloadOutcome.ValidationFailed failed) {
            return failed.checksum();
        }
        return Checksum.NONE;
    }
}
