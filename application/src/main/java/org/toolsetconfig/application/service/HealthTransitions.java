package org.toolsetconfig.application.service;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetHealth;
import org.toolsetconfig.domain.ToolsetName;

/**
 * Publishes {@code ToolsetHealthChanged} when a defined toolset's health (DESIGN §2) moves. Health
 * itself is never stored apart from the record it derives from: this keeps only the last state it
 * announced per toolset, to tell a move from a repeat. A toolset is first seen when a config that
 * defines it is applied (announced as added by {@code ConfigApplied}, not as a move).
 */
final class HealthTransitions {

    private final FailureTracker tracker;
    private final EventPublisher events;
    private final int threshold;
    private final ConcurrentHashMap<ToolsetName, ToolsetHealth> announced = new ConcurrentHashMap<>();
    private volatile ConfigSnapshot active;

    HealthTransitions(FailureTracker tracker, EventPublisher events, int threshold, Instant at) {
        this.tracker = tracker;
        this.events = events;
        this.threshold = threshold;
        this.active = ConfigSnapshot.none(at);
    }

    /** A new snapshot is active: each defined toolset's health is looked at again, removed ones forgotten. */
    void applied(ConfigSnapshot current, Instant at) {
        active = current;
        announced.keySet().removeIf(name -> current.definedToolset(name).isEmpty());
        for (Toolset toolset : current.definedToolsets()) {
            refresh(toolset.name(), () -> at);
        }
    }

    /**
     * Looks at one toolset's health after its record changed; publishes the move, if any and if anyone
     * listens. {@code at} is read only then, so a success on the hot path reads no clock.
     */
    void refresh(ToolsetName name, Supplier<Instant> at) {
        Optional<Toolset> defined = active.definedToolset(name);
        if (defined.isEmpty()) {
            return;
        }
        ToolsetHealth[] from = new ToolsetHealth[1];
        FailureRecord[] seen = new FailureRecord[1];
        // Read the record inside compute: per toolset, the last state written is from the latest read,
        // so two racing reports cannot leave a stale state behind.
        ToolsetHealth to = announced.compute(name, (key, before) -> {
            seen[0] = tracker.record(name).orElseGet(() -> FailureRecord.none(name));
            from[0] = before;
            return ToolsetHealth.of(defined.get().enabled(), seen[0].consecutiveFailures(), threshold);
        });
        if (from[0] != null && from[0] != to && events.isListenedTo()) {
            events.publish(new ToolsetEvent.ToolsetHealthChanged(name, from[0], to, seen[0].consecutiveFailures(),
                    seen[0].lastErrorClass(), at.get()));
        }
    }
}
