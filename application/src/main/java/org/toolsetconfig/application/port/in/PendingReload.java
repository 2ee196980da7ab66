package org.toolsetconfig.application.port.in;

import java.time.Instant;
import java.util.Objects;
import org.toolsetconfig.domain.Checksum;

/** A valid configuration waiting for active sessions to end; {@code since} is when the first deferral began. */
public record PendingReload(Checksum checksum, Instant since) {

    public PendingReload {
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(since, "since");
    }
}
