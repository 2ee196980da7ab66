package org.toolsetconfig.application.logging;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DESIGN.md §7's log-flood rule for one event name: per subject (a toolset) the first line of a
 * burst is written, then at most one line per {@link #WINDOW}, which says how many were left out
 * meanwhile. Time is the events' own instants, from the service's clock, so tests need no sleep.
 */
final class FloodGuard {

    /** The shortest gap between two written lines of one subject. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    /** Returned by {@link #admit} for a line that is left out. */
    static final int SUPPRESS = -1;

    /**
     * Subjects are the tracked toolset names, which the tracking cap bounds; evicted names leave
     * their windows behind, so past this many the expired ones are dropped.
     */
    static final int PRUNE_AT = 4096;

    private static final class Window {
        private Instant lastWritten;
        private int suppressed;
    }

    private final ConcurrentHashMap<Object, Window> windows = new ConcurrentHashMap<>();

    /**
     * Whether a line about {@code subject} at {@code at} is written: {@link #SUPPRESS} when it is
     * left out, otherwise how many lines were left out since the last one written.
     */
    int admit(Object subject, Instant at) {
        Window window = windows.get(subject);
        if (window == null) {
            if (windows.size() >= PRUNE_AT) {
                prune(at);
            }
            window = windows.computeIfAbsent(subject, key -> new Window());
        }
        synchronized (window) {
            if (window.lastWritten != null && at.isBefore(window.lastWritten.plus(WINDOW))) {
                window.suppressed++;
                return SUPPRESS;
            }
            int suppressed = window.suppressed;
            window.lastWritten = at;
            window.suppressed = 0;
            return suppressed;
        }
    }

    /**
     * Drops the windows whose next line would be written anyway; a count of left-out lines still
     * held in one is lost from the log (the metrics have every event).
     */
    private void prune(Instant now) {
        windows.values().removeIf(window -> {
            synchronized (window) {
                return !now.isBefore(window.lastWritten == null ? now : window.lastWritten.plus(WINDOW));
            }
        });
    }
}
