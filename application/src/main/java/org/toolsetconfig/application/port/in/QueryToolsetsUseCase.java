package org.toolsetconfig.application.port.in;

import java.util.List;
import java.util.Optional;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ToolsetName;

/** Read-only views of the service's state; cheap, lock-free where possible, never blocking a reload. */
public interface QueryToolsetsUseCase {

    /**
     * The active snapshot.
     *
     * @return the active snapshot
     */
    ConfigSnapshot activeSnapshot();

    /**
     * The valid configuration waiting for sessions to end, if any.
     *
     * @return the pending configuration, or empty
     */
    Optional<PendingReload> pendingReload();

    /**
     * The active definition of {@code name} and its failure history; either may be absent.
     *
     * @param name the toolset's name
     * @return its definition and failure history
     */
    ToolsetView toolset(ToolsetName name);

    /**
     * The failure history of every tracked toolset, by name.
     *
     * @return the failure records, by name
     */
    List<FailureRecord> failures();

    /**
     * The whole state in one consistent-enough view for the status endpoint and the gauges.
     *
     * @return the current status
     */
    ServiceStatus status();
}
