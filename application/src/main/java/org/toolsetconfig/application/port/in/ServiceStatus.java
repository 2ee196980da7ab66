package org.toolsetconfig.application.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.toolsetconfig.domain.ConfigSnapshot;

/**
 * The service's state at a glance. {@code ready} is true once a valid snapshot is active, or at
 * once in dev mode. {@code lastSuccessfulReloadAt} is the end of the last re-check that found a
 * good file.
 */
public record ServiceStatus(boolean ready, ConfigSnapshot active, Optional<PendingReload> pending,
                            Optional<LastReload> lastReload, Optional<Instant> lastSuccessfulReloadAt,
                            int activeSessions, int trackedToolsets, CoreSettings settings) {

    public ServiceStatus {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(lastReload, "lastReload");
        Objects.requireNonNull(lastSuccessfulReloadAt, "lastSuccessfulReloadAt");
        Objects.requireNonNull(settings, "settings");
    }
}
