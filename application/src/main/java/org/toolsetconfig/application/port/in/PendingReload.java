package org.toolsetconfig.application.port.in;

import java.time.Instant;
import java.util.Objects;
import org.toolsetconfig.domain.Checksum;

/** A valid configuration waiting for active sessions to end; {@code since} is when the first deferral began. */
public record PendingReload(Checksum checksum, Instant since) {

    /**
     * Checks the parts.
     *
     * @param checksum the checksum of the waiting configuration
     * @param since when it started waiting
     */
    public PendingReload {
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(since, "since");
    }
}
