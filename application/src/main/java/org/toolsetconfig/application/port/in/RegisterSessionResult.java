package org.toolsetconfig.application.port.in;

import java.util.Objects;
import org.toolsetconfig.domain.Session;

/** What registering a session did. */
public sealed interface RegisterSessionResult
        permits RegisterSessionResult.Created, RegisterSessionResult.Existing, RegisterSessionResult.Refused {

    /** A new session, pinned to the active snapshot. */
    record Created(Session session) implements RegisterSessionResult {
        public Created {
            Objects.requireNonNull(session, "session");
        }
    }

    /** The session was already registered; nothing changed. */
    record Existing(Session session) implements RegisterSessionResult {
        public Existing {
            Objects.requireNonNull(session, "session");
        }
    }

    /** The cap of active sessions is reached; nothing changed. */
    record Refused(String reason) implements RegisterSessionResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
