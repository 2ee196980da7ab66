package org.toolsetconfig.application.port.in;

import java.util.Objects;
import org.toolsetconfig.domain.FailureRecord;

/** What recording a failure did: recorded (and maybe re-checked the file), or refused at the tracking cap. */
public sealed interface RecordFailureResult permits RecordFailureResult.Recorded, RecordFailureResult.Refused {

    /** The failure was counted; {@code record} is the toolset's history after it and any reset. */
    record Recorded(FailureRecord record, ReloadAttempt reload) implements RecordFailureResult {
        public Recorded {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(reload, "reload");
        }
    }

    /** The toolset is not tracked yet and the cap of tracked names is reached; nothing changed. */
    record Refused(String reason) implements RecordFailureResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
