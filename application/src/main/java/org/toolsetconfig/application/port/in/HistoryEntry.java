package org.toolsetconfig.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ToolsetDiff;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * One re-check result kept by the change history (DESIGN §12): a version that became active, or
 * one that was refused. Re-checks that found the same bytes are not kept. {@code trigger} is the
 * trigger's wire name ({@code startup}, {@code watch}, …) or, for a change that waited for
 * sessions, why it was applied at last ({@code last_session_completed}, {@code deferral_expired}, …).
 */
public sealed interface HistoryEntry {

    /**
     * When the version was applied or refused.
     *
     * @return the instant
     */
    Instant at();

    /**
     * The checksum of the version's bytes.
     *
     * @return the checksum
     */
    Checksum checksum();

    /**
     * What started the re-check or the apply.
     *
     * @return the trigger's wire name
     */
    String trigger();

    /**
     * {@code snapshot} became active; {@code changes} is what differs from the snapshot before it.
     * The snapshot holds the real settings: show its toolsets only through the domain's redaction.
     */
    record Applied(ConfigSnapshot snapshot, String trigger, ToolsetDiff changes) implements HistoryEntry {
        /**
         * Checks the parts.
         *
         * @param snapshot the snapshot that became active
         * @param trigger what applied it
         * @param changes how it differs from the one before
         */
        public Applied {
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(changes, "changes");
        }

        @Override
        public Instant at() {
            return snapshot.loadedAt();
        }

        @Override
        public Checksum checksum() {
            return snapshot.checksum();
        }
    }

    /** The bytes {@code checksum} were refused for {@code problems}; the active configuration stayed. */
    record Rejected(Checksum checksum, Instant at, String trigger, List<ValidationProblem> problems)
            implements HistoryEntry {
        /**
         * Checks and copies the parts.
         *
         * @param checksum the checksum of the refused bytes
         * @param at when they were refused
         * @param trigger what started the re-check
         * @param problems why
         */
        public Rejected {
            Objects.requireNonNull(checksum, "checksum");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(trigger, "trigger");
            problems = List.copyOf(problems);
        }
    }
}
