package org.toolsetconfig.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * The service's state at a glance. {@code ready} is true once a valid snapshot is active, or at
 * once in dev mode. {@code lastSuccessfulReloadAt} is the end of the last re-check that found a
 * good file. {@code observed} is the checksum of what the source held at the last re-check
 * ({@link Checksum#NONE} when it could not be read): compared with the active checksum and
 * {@code lastRejected} it tells a refused newer version from nothing changed. {@code warnings} are
 * the WARNING problems of the active document.
 */
public record ServiceStatus(boolean ready, ConfigSnapshot active, Optional<PendingReload> pending,
                            Optional<LastReload> lastReload, Optional<Instant> lastSuccessfulReloadAt,
                            int activeSessions, int trackedToolsets, CoreSettings settings, Checksum observed,
                            Optional<HistoryEntry.Rejected> lastRejected, List<ValidationProblem> warnings) {

    public ServiceStatus {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(lastReload, "lastReload");
        Objects.requireNonNull(lastSuccessfulReloadAt, "lastSuccessfulReloadAt");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(lastRejected, "lastRejected");
        warnings = List.copyOf(warnings);
    }
}
