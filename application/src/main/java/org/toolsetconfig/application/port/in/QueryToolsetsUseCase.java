package org.toolsetconfig.application.port.in;

import java.util.List;
import java.util.Optional;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetHealth;
import org.toolsetconfig.domain.ToolsetName;

/** Read-only views of the service's state; cheap, lock-free where possible, never blocking a reload. */
public interface QueryToolsetsUseCase {

    ConfigSnapshot activeSnapshot();

    /** The valid configuration waiting for sessions to end, if any. */
    Optional<PendingReload> pendingReload();

    /**
     * The definition of {@code name} in the active configuration, enabled or not, its failure history
     * and its health; the definition and the history may each be absent.
     */
    ToolsetView toolset(ToolsetName name);

    /**
     * The health of {@code toolset} now, derived from its {@code enabled} flag and its consecutive
     * failures against the re-check threshold (DESIGN §2); for any toolset, also one of a session's
     * pinned snapshot or of a document being validated.
     */
    ToolsetHealth health(Toolset toolset);

    /** The failure history of every tracked toolset, by name. */
    List<FailureRecord> failures();

    /** The whole state in one consistent-enough view for the status endpoint and the gauges. */
    ServiceStatus status();
}
