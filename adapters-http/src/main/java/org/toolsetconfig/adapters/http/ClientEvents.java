package org.toolsetconfig.adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ToolsetDiff;

/**
 * The core's events as clients are told of them (DESIGN.md §12): each one's name and JSON data.
 * The event stream and the webhooks each subscribe one of these, so both tell the same story in the
 * same shapes. The data holds names, checksums and validation problems, never a setting's value.
 */
final class ClientEvents implements ToolsetEventListener {

    /** {@code config_applied}: a new snapshot is active. */
    static final String CONFIG_APPLIED = "config_applied";
    /** {@code config_rejected}: a changed file was refused; the active snapshot stays. */
    static final String CONFIG_REJECTED = "config_rejected";
    /** {@code reload_pending}: a valid change waits for investigation sessions to end. */
    static final String RELOAD_PENDING = "reload_pending";
    /** {@code toolset_health_changed}: a toolset moved between healthy, degraded, failing and disabled. */
    static final String TOOLSET_HEALTH_CHANGED = "toolset_health_changed";

    /** Receives each client event; called on the core's thread, so it must be quick. */
    @FunctionalInterface
    interface Sink {
        void accept(String name, Object data);
    }

    private final Sink sink;
    // Guarded by this object's monitor: the apply that waits for its re-check's trigger, and the health
    // moves that apply caused, held until its config_applied is out: the cause comes first.
    private ToolsetEvent.ConfigApplied awaitingTrigger;
    private final List<ToolsetEvent.ToolsetHealthChanged> movesAwaitingApply = new ArrayList<>();

    ClientEvents(Sink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void onEvent(ToolsetEvent event) {
        if (event instanceof ToolsetEvent.ConfigApplied applied) {
            if (applied.reason() == ToolsetEvent.ApplyReason.IMMEDIATE) {
                // The re-check that applied it reports its trigger right after, on this thread.
                synchronized (this) {
                    awaitingTrigger = applied;
                }
            } else {
                sink.accept(CONFIG_APPLIED, appliedData(applied, applied.reason().name().toLowerCase(Locale.ROOT)));
            }
        } else if (event instanceof ToolsetEvent.ReloadCompleted completed) {
            ToolsetEvent.ConfigApplied applied;
            List<ToolsetEvent.ToolsetHealthChanged> moves;
            synchronized (this) {
                applied = awaitingTrigger;
                awaitingTrigger = null;
                moves = List.copyOf(movesAwaitingApply);
                movesAwaitingApply.clear();
            }
            if (applied != null) {
                sink.accept(CONFIG_APPLIED, appliedData(applied, completed.trigger().wireName()));
            }
            moves.forEach(this::publishMove);
            // Bytes refused before are refused again on every poll; clients were told of them once.
            if (completed.outcome() instanceof ReloadOutcome.ValidationFailed failed
                    && completed.rejection() != ToolsetEvent.Rejection.REPEATED) {
                sink.accept(CONFIG_REJECTED, new Rejected(hex(failed.checksum()), completed.trigger().wireName(),
                        Wire.ProblemItem.of(failed)));
            }
        } else if (event instanceof ToolsetEvent.ReloadDeferred deferred) {
            sink.accept(RELOAD_PENDING, new Pending(hex(deferred.checksum()), deferred.activeSessions()));
        } else if (event instanceof ToolsetEvent.ToolsetHealthChanged moved) {
            synchronized (this) {
                if (awaitingTrigger != null) {
                    movesAwaitingApply.add(moved);
                    return;
                }
            }
            publishMove(moved);
        }
    }

    private void publishMove(ToolsetEvent.ToolsetHealthChanged moved) {
        sink.accept(TOOLSET_HEALTH_CHANGED, new HealthMove(moved.toolset().value(), moved.from().wireName(),
                moved.to().wireName(), moved.consecutiveFailures(), moved.errorClass().wireName()));
    }

    private record HealthMove(String toolset, String from, String to, int consecutiveFailures, String errorClass) {
    }

    private record Applied(long generation, String checksum, String trigger, List<String> added,
                           List<String> removed, List<String> changed) {
    }

    private record Rejected(String checksum, String trigger, List<Wire.ProblemItem> problems) {
    }

    private record Pending(String checksum, int activeSessions) {
    }

    private static Applied appliedData(ToolsetEvent.ConfigApplied applied, String trigger) {
        ToolsetDiff diff = ToolsetDiff.between(applied.previous().toolsets(), applied.current().toolsets());
        return new Applied(applied.current().generation(), hex(applied.current().checksum()), trigger,
                Wire.names(diff.added()), Wire.names(diff.removed()), Wire.changedNames(diff));
    }

    private static String hex(Checksum checksum) {
        return checksum.isPresent() ? checksum.hex() : null;
    }
}
