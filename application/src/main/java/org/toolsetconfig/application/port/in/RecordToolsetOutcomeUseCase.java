package org.toolsetconfig.application.port.in;

import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ToolsetName;

/** The investigation engine reports each toolset failure and success here. Thread-safe and exact. */
public interface RecordToolsetOutcomeUseCase {

    /**
     * Records one failure; when it brings the toolset to the threshold (and its cooldown has passed)
     * the configuration file is re-checked before this returns. Refused when a name outside the active
     * configuration would pass the tracking cap.
     */
    RecordFailureResult recordFailure(RecordFailureCommand command);

    /** Records one success: the consecutive count returns to 0, the total is kept. */
    FailureRecord recordSuccess(ToolsetName toolset);
}
