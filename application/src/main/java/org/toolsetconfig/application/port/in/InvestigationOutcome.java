package org.toolsetconfig.application.port.in;

import java.util.List;
import org.toolsetconfig.domain.FailureRecord;

/**
 * What an investigation's outcome did: the failures it recorded (each with the re-check it may have
 * forced, as a single failure report would), the successes, and whether a failure matched no toolset
 * ({@code unmatched}, false whenever something was charged or reset).
 */
public record InvestigationOutcome(List<RecordFailureResult.Recorded> charged, List<FailureRecord> reset,
                                   boolean unmatched) {

    /**
     * Copies the lists.
     *
     * @param charged one recorded failure per toolset charged
     * @param reset each used toolset's history after its success
     * @param unmatched whether a failure was counted against nothing
     */
    public InvestigationOutcome {
        charged = List.copyOf(charged);
        reset = List.copyOf(reset);
        if (unmatched && !(charged.isEmpty() && reset.isEmpty())) {
            throw new IllegalArgumentException("an outcome that charged or reset a toolset is not unmatched");
        }
    }
}
