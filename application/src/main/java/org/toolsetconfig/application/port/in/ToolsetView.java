package org.toolsetconfig.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetHealth;

/**
 * A toolset's definition in the active configuration (enabled or not; absent when the file does not
 * define it), its failure history, and its health, present exactly when the definition is.
 */
public record ToolsetView(Optional<Toolset> toolset, Optional<FailureRecord> failures, Optional<ToolsetHealth> health) {

    public ToolsetView {
        Objects.requireNonNull(toolset, "toolset");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(health, "health");
        if (toolset.isPresent() != health.isPresent()) {
            throw new IllegalArgumentException("a toolset view has a health exactly when it has a definition");
        }
    }

    /** Whether the service knows nothing of this name. */
    public boolean isUnknown() {
        return toolset.isEmpty() && failures.isEmpty();
    }
}
