package org.toolsetconfig.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.toolsetconfig.domain.ToolsetName;

/** How an investigation ended, as the engine reports it (DESIGN §9): a success, or a failure with its error text. */
public sealed interface InvestigationOutcomeCommand
        permits InvestigationOutcomeCommand.Succeeded, InvestigationOutcomeCommand.Failed {

    /** The most toolsets one outcome may name; far above any real investigation, and a bound on the work it causes. */
    int MAX_TOOLSETS = 100;

    /**
     * The toolsets the investigation used.
     *
     * @return the names, without duplicates, in the order given
     */
    List<ToolsetName> toolsetsUsed();

    /** The investigation succeeded: each toolset it used gets a success. */
    record Succeeded(List<ToolsetName> toolsetsUsed) implements InvestigationOutcomeCommand {
        /**
         * Checks and copies the list.
         *
         * @param toolsetsUsed the toolsets the investigation used
         */
        public Succeeded {
            toolsetsUsed = distinct(toolsetsUsed);
        }
    }

    /**
     * The investigation failed with {@code error}: the toolsets whose failure patterns match it get a
     * failure each; when none does, {@code lastToolset} does, if given.
     */
    record Failed(String error, Optional<String> errorType, List<ToolsetName> toolsetsUsed,
                  Optional<ToolsetName> lastToolset) implements InvestigationOutcomeCommand {
        /**
         * Checks and copies the parts.
         *
         * @param error the error text; not blank
         * @param errorType the error type, if the engine knows it
         * @param toolsetsUsed the toolsets the investigation used, perhaps none; they are matched too when the
         *                     active configuration does not define them
         * @param lastToolset the toolset the investigation called last, if known
         */
        public Failed {
            Objects.requireNonNull(error, "error");
            if (error.isBlank()) {
                throw new IllegalArgumentException("a failed investigation needs its error text");
            }
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(lastToolset, "lastToolset");
            toolsetsUsed = distinct(toolsetsUsed);
        }
    }

    private static List<ToolsetName> distinct(List<ToolsetName> names) {
        List<ToolsetName> unique = List.copyOf(new java.util.LinkedHashSet<>(names));
        if (unique.size() > MAX_TOOLSETS) {
            throw new IllegalArgumentException("an outcome names at most " + MAX_TOOLSETS + " toolsets, got "
                    + unique.size());
        }
        return unique;
    }
}
