package org.toolsetconfig.application.port.in;

import java.util.Objects;
import org.toolsetconfig.domain.Session;
import org.toolsetconfig.domain.SessionId;

/** What unregistering a session did. */
public sealed interface UnregisterSessionResult
        permits UnregisterSessionResult.Unregistered, UnregisterSessionResult.NotFound {

    /** The session ended. */
    record Unregistered(Session session) implements UnregisterSessionResult {
        public Unregistered {
            Objects.requireNonNull(session, "session");
        }
    }

    /** No session with that id is active (never registered, already ended, or expired). */
    record NotFound(SessionId id) implements UnregisterSessionResult {
        public NotFound {
            Objects.requireNonNull(id, "id");
        }
    }
}
