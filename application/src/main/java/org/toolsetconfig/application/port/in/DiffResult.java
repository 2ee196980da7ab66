package org.toolsetconfig.application.port.in;

import java.util.Objects;
import org.toolsetconfig.domain.ToolsetDiff;

/** What a {@link DiffQuery} found: the difference, or which generation the history no longer keeps. */
public sealed interface DiffResult {

    /** Both generations are kept; {@code diff} goes from {@code from}'s toolsets to {@code to}'s. */
    record Diffed(long from, long to, ToolsetDiff diff) implements DiffResult {
        /**
         * Checks the parts.
         *
         * @param from the generation compared from
         * @param to the generation compared to
         * @param diff what differs
         */
        public Diffed {
            Objects.requireNonNull(diff, "diff");
        }
    }

    /** {@code generation} was never applied or has left the bounded history. */
    record NotKept(long generation) implements DiffResult {
    }
}
