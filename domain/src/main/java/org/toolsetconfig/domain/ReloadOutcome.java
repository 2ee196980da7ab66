package org.toolsetconfig.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** What one re-check of the configuration file found. Consume with {@code instanceof} patterns. */
public sealed interface ReloadOutcome
        permits ReloadOutcome.ConfigChanged, ReloadOutcome.ConfigUnchanged, ReloadOutcome.ValidationFailed,
        ReloadOutcome.Error {

    /** The name used in metrics labels, logs and the API. */
    String wireName();

    /** Whether the file could be read and is valid (changed or not). */
    default boolean fileIsGood() {
        return this instanceof ConfigChanged || this instanceof ConfigUnchanged;
    }

    /** Whether a changed configuration became active at once or waits for sessions to end. */
    enum Applied {
        /** Active at once. */
        NOW,
        /** Pending until the last session ends or the maximum deferral passes. */
        DEFERRED;

        /** The lower-case name, used in the API. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A valid, different file: applied now or deferred; {@code changedToolsets} are those whose definition differs from the active one. */
    record ConfigChanged(Checksum checksum, Applied applied, Set<ToolsetName> changedToolsets) implements ReloadOutcome {
        public ConfigChanged {
            Objects.requireNonNull(checksum, "checksum");
            Objects.requireNonNull(applied, "applied");
            changedToolsets = Set.copyOf(changedToolsets);
        }

        @Override
        public String wireName() {
            return "config_changed";
        }
    }

    /** The file holds exactly the bytes already active (or pending). */
    record ConfigUnchanged(Checksum checksum) implements ReloadOutcome {
        public ConfigUnchanged {
            Objects.requireNonNull(checksum, "checksum");
        }

        @Override
        public String wireName() {
            return "config_unchanged";
        }
    }

    /** The file has at least one ERROR problem (YAML syntax errors included); the active configuration stays. */
    record ValidationFailed(Checksum checksum, List<ValidationProblem> problems) implements ReloadOutcome {
        public ValidationFailed {
            Objects.requireNonNull(checksum, "checksum");
            problems = List.copyOf(problems);
        }

        @Override
        public String wireName() {
            return "validation_failed";
        }
    }

    /** The file could not be read (missing, not a file, unreadable, too large) or the re-check broke. */
    record Error(ErrorKind kind, String message) implements ReloadOutcome {
        public Error {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String wireName() {
            return "error";
        }
    }

    /** Why a re-check ended in {@link Error}. */
    enum ErrorKind {
        /** No file at the configured path. */
        NOT_FOUND,
        /** Something other than a regular file (a directory) at the path. */
        NOT_A_FILE,
        /** The file exists but cannot be read (permissions, I/O error). */
        NOT_READABLE,
        /** The file is larger than the configured limit. */
        TOO_LARGE,
        /** A bug or unexpected failure inside the re-check. */
        INTERNAL
    }
}
