package org.toolsetconfig.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.toolsetconfig.application.port.in.PendingReload;
import org.toolsetconfig.application.port.in.RegisterSessionResult;
import org.toolsetconfig.application.port.in.SessionView;
import org.toolsetconfig.application.port.in.UnregisterSessionResult;
import org.toolsetconfig.application.port.out.ToolsetConfigListener;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEvent.ApplyReason;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.RevisionStamp;
import org.toolsetconfig.domain.Session;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * The one owner of the active snapshot, the pending configuration and the sessions that pin
 * snapshots. Every change happens under this object's monitor, so a session registers against
 * exactly one snapshot and an apply is never half-seen; readers of the active snapshot and the
 * pending reload do not lock (both are immutable and published through volatile fields).
 */
final class ConfigurationState {

    /**
     * A valid configuration that is not active yet; {@code defined} holds its disabled toolsets too,
     * {@code warnings} the WARNING problems of its document.
     */
    record Candidate(List<Toolset> defined, Checksum checksum, RevisionStamp revision,
                     List<ValidationProblem> warnings) {
        Candidate {
            warnings = List.copyOf(warnings);
        }
    }

    /** How a checksum relates to what the service already holds. */
    enum Match { ACTIVE, PENDING, NEW }

    private record Pending(Candidate candidate, Instant since) {
    }

    private record Pinned(Session session, ConfigSnapshot snapshot) {
    }

    private final Clock clock;
    private final Duration sessionTtl;
    private final Duration maxDeferral;
    private final int maxSessions;
    private final FailureTracker tracker;
    private final HealthTransitions health;
    private final EventPublisher events;
    private final List<Lane> lanes;
    private final Executor listenerExecutor;

    private volatile ConfigSnapshot active;
    private volatile List<ValidationProblem> activeWarnings = List.of();
    private volatile Pending pending;
    private volatile int sessionCount;
    private final Map<SessionId, Pinned> sessions = new LinkedHashMap<>();

    ConfigurationState(Clock clock, Duration sessionTtl, Duration maxDeferral, int maxSessions,
                       FailureTracker tracker, HealthTransitions health, EventPublisher events,
                       List<ToolsetConfigListener> listeners, Executor listenerExecutor) {
        this.clock = clock;
        this.sessionTtl = sessionTtl;
        this.maxDeferral = maxDeferral;
        this.maxSessions = maxSessions;
        this.tracker = tracker;
        this.health = health;
        this.events = events;
        this.lanes = listeners.stream().map(Lane::new).toList();
        this.listenerExecutor = listenerExecutor;
        this.active = ConfigSnapshot.none(clock.instant());
    }

    ConfigSnapshot active() {
        return active;
    }

    /** The WARNING problems of the active document; may lag a concurrent apply by one snapshot. */
    List<ValidationProblem> activeWarnings() {
        return activeWarnings;
    }

    Optional<PendingReload> pending() {
        Pending current = pending;
        return current == null ? Optional.empty()
                : Optional.of(new PendingReload(current.candidate().checksum(), current.since()));
    }

    int sessionCount() {
        return sessionCount;
    }

    /**
     * Whether {@code checksum} is what is active or pending. When the file went back to the active
     * bytes, a pending configuration is stale and is dropped.
     */
    synchronized Match match(Checksum checksum) {
        if (active.isLoaded() && active.checksum().equals(checksum)) {
            if (pending != null) {
                Checksum dropped = pending.candidate().checksum();
                pending = null;
                events.publish(new ToolsetEvent.PendingReloadDiscarded(dropped, clock.instant()));
            }
            return Match.ACTIVE;
        }
        return pending != null && pending.candidate().checksum().equals(checksum) ? Match.PENDING : Match.NEW;
    }

    /** Applies {@code candidate} now when no session is active, otherwise makes it the pending one. */
    synchronized ReloadOutcome.ConfigChanged offer(Candidate candidate) {
        Instant now = clock.instant();
        Set<ToolsetName> changed = ConfigSnapshot.changedToolsets(active, snapshotOf(candidate, active.generation(), now));
        if (sessions.isEmpty()) {
            activate(candidate, ApplyReason.IMMEDIATE, now);
            return new ReloadOutcome.ConfigChanged(candidate.checksum(), ReloadOutcome.Applied.NOW, changed);
        }
        // A newer valid file replaces an older pending one but keeps its start, so a stream of
        // changes cannot push the maximum deferral out forever.
        pending = new Pending(candidate, pending == null ? now : pending.since());
        events.publish(new ToolsetEvent.ReloadDeferred(candidate.checksum(), sessions.size(), now));
        return new ReloadOutcome.ConfigChanged(candidate.checksum(), ReloadOutcome.Applied.DEFERRED, changed);
    }

    synchronized RegisterSessionResult register(SessionId id) {
        Pinned existing = sessions.get(id);
        if (existing != null) {
            return new RegisterSessionResult.Existing(existing.session());
        }
        if (sessions.size() >= maxSessions) {
            return new RegisterSessionResult.Refused("the service already has " + sessions.size()
                    + " active sessions, its limit (TOOLSET_MAX_SESSIONS); unregister finished sessions first");
        }
        Instant now = clock.instant();
        Session session = new Session(id, now, active.generation());
        sessions.put(id, new Pinned(session, active));
        sessionCount = sessions.size();
        events.publish(new ToolsetEvent.SessionRegistered(session, sessions.size(), now));
        return new RegisterSessionResult.Created(session);
    }

    synchronized UnregisterSessionResult unregister(SessionId id) {
        Pinned removed = sessions.remove(id);
        if (removed == null) {
            return new UnregisterSessionResult.NotFound(id);
        }
        sessionCount = sessions.size();
        Instant now = clock.instant();
        events.publish(new ToolsetEvent.SessionUnregistered(removed.session(), sessions.size(), now));
        if (sessions.isEmpty() && pending != null) {
            activate(pending.candidate(), ApplyReason.LAST_SESSION_COMPLETED, now);
        }
        return new UnregisterSessionResult.Unregistered(removed.session());
    }

    synchronized List<Session> sessions() {
        List<Session> all = new ArrayList<>(sessions.size());
        sessions.values().forEach(pinned -> all.add(pinned.session()));
        return all;
    }

    synchronized Optional<SessionView> session(SessionId id) {
        Pinned pinned = sessions.get(id);
        return pinned == null ? Optional.empty() : Optional.of(new SessionView(pinned.session(), pinned.snapshot()));
    }

    /** Expires stale sessions, then applies a pending configuration that may wait no longer. */
    synchronized int sweep() {
        Instant now = clock.instant();
        int expired = 0;
        // Sessions are kept in registration order, so the stale ones are at the front.
        for (Iterator<Pinned> it = sessions.values().iterator(); it.hasNext(); ) {
            Session session = it.next().session();
            Duration age = Duration.between(session.startedAt(), now);
            if (age.compareTo(sessionTtl) < 0) {
                break;
            }
            it.remove();
            expired++;
            sessionCount = sessions.size();
            events.publish(new ToolsetEvent.SessionExpired(session, age, sessions.size(), now));
        }
        if (pending != null) {
            if (sessions.isEmpty()) {
                activate(pending.candidate(), ApplyReason.STALE_SESSIONS_EXPIRED, now);
            } else if (Duration.between(pending.since(), now).compareTo(maxDeferral) >= 0) {
                activate(pending.candidate(), ApplyReason.DEFERRAL_EXPIRED, now);
            }
        }
        return expired;
    }

    private void activate(Candidate candidate, ApplyReason reason, Instant now) {
        ConfigSnapshot previous = active;
        ConfigSnapshot current = snapshotOf(candidate, previous.generation() + 1, now);
        Set<ToolsetName> changed = ConfigSnapshot.changedToolsets(previous, current);
        // Reset before publishing: whoever reads the new snapshot also reads the counters it starts from.
        tracker.resetConsecutive(changed);
        tracker.define(current.toolsets().stream().map(Toolset::name).collect(Collectors.toSet()));
        activeWarnings = candidate.warnings();
        active = current;
        pending = null;
        events.publish(new ToolsetEvent.ConfigApplied(previous, current, reason, changed, sessions.size(), now));
        if (!candidate.warnings().isEmpty()) {
            events.publish(new ToolsetEvent.ConfigWarnings(current.generation(), current.checksum(),
                    candidate.warnings(), now));
        }
        health.applied(current, now);
        notifyListeners(previous, current);
    }

    /**
     * Queues the news on every listener's lane while still under the monitor, so that each listener
     * is told of snapshots in generation order whichever thread applied them.
     */
    private void notifyListeners(ConfigSnapshot previous, ConfigSnapshot current) {
        for (Lane lane : lanes) {
            lane.offer(previous, current);
        }
    }

    /**
     * One listener's notifications, told one at a time and in order on the listener executor. Each
     * listener has its own lane, so with an executor of more than one thread a listener that hangs
     * holds up only itself; inline, a re-entrant apply is queued behind the notification in progress
     * instead of overtaking it.
     */
    private final class Lane {
        private final ToolsetConfigListener listener;
        private final ArrayDeque<ConfigSnapshot[]> queue = new ArrayDeque<>();
        private boolean draining;

        Lane(ToolsetConfigListener listener) {
            this.listener = listener;
        }

        void offer(ConfigSnapshot previous, ConfigSnapshot current) {
            synchronized (this) {
                queue.add(new ConfigSnapshot[] {previous, current});
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                listenerExecutor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    queue.clear();
                    draining = false;
                }
                events.publish(new ToolsetEvent.ConfigListenerNotNotified(listener.getClass().getName(),
                        current.generation(), clock.instant()));
            }
        }

        private void drain() {
            while (true) {
                ConfigSnapshot[] next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    listener.onConfigApplied(next[0], next[1]);
                } catch (RuntimeException | Error e) {
                    if (EventPublisher.isFatal(e)) {
                        synchronized (this) {
                            draining = false;
                        }
                        throw e;
                    }
                    // An Error too (a class missing at run time, a failed assertion): it is the
                    // listener's, and must not undo the apply or reach whoever triggered it.
                    events.publish(new ToolsetEvent.ConfigListenerFailed(listener.getClass().getName(),
                            next[1].generation(), e, clock.instant()));
                }
            }
        }
    }

    private static ConfigSnapshot snapshotOf(Candidate candidate, long generation, Instant now) {
        return ConfigSnapshot.of(generation, candidate.defined(), candidate.checksum(), candidate.revision(), now);
    }
}
