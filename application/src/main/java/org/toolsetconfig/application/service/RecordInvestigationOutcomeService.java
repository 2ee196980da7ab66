package org.toolsetconfig.application.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.toolsetconfig.application.port.in.InvestigationOutcome;
import org.toolsetconfig.application.port.in.InvestigationOutcomeCommand;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.RecordInvestigationOutcomeUseCase;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;

/**
 * Turns an investigation's outcome into per-toolset successes and failures (DESIGN §9). Each
 * failure goes through {@link RecordToolsetOutcomeUseCase#recordFailure}, so the re-check rule (B4)
 * is exactly that of a single failure report.
 */
final class RecordInvestigationOutcomeService implements RecordInvestigationOutcomeUseCase {

    /** The patterns of one snapshot's toolsets, compiled once and reused until another snapshot is active. */
    private record Compiled(ConfigSnapshot snapshot, FailurePatterns patterns) {
    }

    private final RecordToolsetOutcomeUseCase outcomes;
    private final ConfigurationState state;
    private final EventPublisher events;
    private final Clock clock;
    private volatile Compiled compiled;

    RecordInvestigationOutcomeService(RecordToolsetOutcomeUseCase outcomes, ConfigurationState state,
                                      EventPublisher events, Clock clock) {
        this.outcomes = outcomes;
        this.state = state;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public InvestigationOutcome record(InvestigationOutcomeCommand command) {
        if (command instanceof InvestigationOutcomeCommand.Failed failed) {
            return fail(failed);
        }
        List<FailureRecord> reset = new ArrayList<>();
        for (ToolsetName toolset : command.toolsetsUsed()) {
            reset.add(outcomes.recordSuccess(toolset));
        }
        events.publish(new ToolsetEvent.InvestigationOutcomeRecorded(true, List.of(), command.toolsetsUsed(), false,
                "", "", clock.instant()));
        return new InvestigationOutcome(List.of(), reset, false);
    }

    private InvestigationOutcome fail(InvestigationOutcomeCommand.Failed failed) {
        List<ToolsetName> matched = candidates(failed).matching(failed.error());
        if (matched.isEmpty() && failed.lastToolset().isPresent()) {
            matched = List.of(failed.lastToolset().get());
        }
        List<RecordFailureResult.Recorded> charged = new ArrayList<>(matched.size());
        for (ToolsetName toolset : matched) {
            RecordFailureResult result = outcomes.recordFailure(new RecordFailureCommand(toolset, failed.errorType(),
                    Optional.of(failed.error())));
            // A refused failure (a name outside the config at the tracking cap) is published as such by
            // recordFailure; it charged nothing.
            if (result instanceof RecordFailureResult.Recorded recorded) {
                charged.add(recorded);
            }
        }
        boolean unmatched = matched.isEmpty();
        events.publish(new ToolsetEvent.InvestigationOutcomeRecorded(false,
                charged.stream().map(recorded -> recorded.record().toolset()).toList(), List.of(), unmatched,
                failed.errorType().orElse(FailureRecord.DEFAULT_ERROR_TYPE), failed.error(), clock.instant()));
        return new InvestigationOutcome(charged, List.of(), unmatched);
    }

    /**
     * Every defined toolset, enabled or not (it may fail because of how it is defined), plus the used
     * toolsets the active config does not define, matched by their name and family.
     */
    private FailurePatterns candidates(InvestigationOutcomeCommand.Failed failed) {
        ConfigSnapshot active = state.active();
        Compiled current = compiled;
        if (current == null || current.snapshot() != active) {
            current = new Compiled(active, FailurePatterns.of(active.definedToolsets()));
            compiled = current;
        }
        Set<ToolsetName> undefined = new LinkedHashSet<>();
        for (ToolsetName used : failed.toolsetsUsed()) {
            if (active.definedToolset(used).isEmpty()) {
                undefined.add(used);
            }
        }
        if (undefined.isEmpty()) {
            return current.patterns();
        }
        List<Toolset> extra = undefined.stream().map(name -> Toolset.named(name.toString())).toList();
        return current.patterns().and(FailurePatterns.of(extra));
    }
}
