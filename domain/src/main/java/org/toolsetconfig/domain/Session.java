package org.toolsetconfig.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An investigation in flight: it pinned the configuration of {@code generation} when it registered
 * and keeps seeing it until it ends, whatever reloads happen meanwhile.
 */
public record Session(SessionId id, Instant startedAt, long generation) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
