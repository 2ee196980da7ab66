package org.toolsetconfig.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.Toolset;

/** A toolset's active definition (absent when the config does not enable it) and its failure history. */
public record ToolsetView(Optional<Toolset> toolset, Optional<FailureRecord> failures) {

    /**
     * Checks the parts.
     *
     * @param toolset its active definition, if enabled
     * @param failures its failure history, if any
     */
    public ToolsetView {
        Objects.requireNonNull(toolset, "toolset");
        Objects.requireNonNull(failures, "failures");
    }

    /**
     * Whether the service knows nothing of this name.
     *
     * @return whether neither is present
     */
    public boolean isUnknown() {
        return toolset.isEmpty() && failures.isEmpty();
    }
}
