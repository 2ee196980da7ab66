package org.toolsetconfig.application.port.out;

import java.util.Objects;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.RevisionStamp;

/** The result of reading the configuration file: its bytes, or why there are none. */
public sealed interface SourceRead permits SourceRead.Content, SourceRead.Unavailable {

    /** The file's exact bytes and revision stamp. The array is owned by this record: do not change it. */
    record Content(byte[] bytes, RevisionStamp revision) implements SourceRead {
        public Content {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(revision, "revision");
        }
    }

    /** The file could not be read; {@code message} says what was wrong and how to fix it. */
    record Unavailable(ReloadOutcome.ErrorKind kind, String message) implements SourceRead {
        public Unavailable {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
