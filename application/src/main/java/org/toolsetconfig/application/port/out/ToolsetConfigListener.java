package org.toolsetconfig.application.port.out;

import org.toolsetconfig.domain.ConfigSnapshot;

/**
 * Told each time a new snapshot becomes active, in order of generation: what an embedding service
 * uses to re-create its clients. A listener that throws is logged and does not stop the others or
 * undo the apply.
 */
@FunctionalInterface
public interface ToolsetConfigListener {

    /** {@code current} is now active; {@code previous} was active before it. */
    void onConfigApplied(ConfigSnapshot previous, ConfigSnapshot current);
}
