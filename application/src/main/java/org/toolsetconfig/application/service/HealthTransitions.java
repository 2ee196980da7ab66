package org.toolsetconfig.application.service;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
            refresh(toolset.name(), at);
        }
    }

    /** Looks at one toolset's health after its record changed; publishes the move, if any. */
    void refresh(ToolsetName name, Instant at) {
        Optional<Toolset> defined = active.definedToolset(name);
        if (defined.isEmpty()) {
            return;
        }
        ToolsetEvent.ToolsetHealthChanged[] moved = new ToolsetEvent.ToolsetHealthChanged[1];
        // Read the record inside compute: per toolset, the last state written is from the latest read,
        // so two racing reports cannot leave a stale state behind.
        announced.compute(name, (key, before) -> {
            FailureRecord record = tracker.record(name).orElseGet(() -> FailureRecord.none(name));
            ToolsetHealth now = ToolsetHealth.of(defined.get().enabled(), record.consecutiveFailures(), threshold);
            if (before != null && before != now) {
                moved[0] = new ToolsetEvent.ToolsetHealthChanged(name, before, now, record.consecutiveFailures(),
                        record.lastErrorClass(), at);
            }
            return now;
        });
        if (moved[0] != null) {
            events.publish(moved[0]);
        }
    }
}
