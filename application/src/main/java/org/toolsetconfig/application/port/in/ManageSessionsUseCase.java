package org.toolsetconfig.application.port.in;

import java.util.List;
import java.util.Optional;
import org.toolsetconfig.domain.Session;
import org.toolsetconfig.domain.SessionId;

/**
 * Investigations register a session before they start and unregister it when done. A session pins
 * the snapshot active when it registered; a changed configuration waits until the last one ends.
 */
public interface ManageSessionsUseCase {

    /** Registers {@code id}; idempotent: an existing session is returned unchanged. Refused at the session cap. */
    RegisterSessionResult register(SessionId id);

    /** Ends {@code id}; applies a pending configuration when it was the last one. */
    UnregisterSessionResult unregister(SessionId id);

    /** The active sessions, oldest first. */
    List<Session> sessions();

    /** The session and the toolsets of the snapshot it pinned; empty when it is not active. */
    Optional<SessionView> session(SessionId id);

    /**
     * Expires sessions older than the TTL and applies a pending configuration that has waited past
     * the maximum deferral. Called periodically by the host; returns how many sessions expired.
     */
    int sweep();
}
