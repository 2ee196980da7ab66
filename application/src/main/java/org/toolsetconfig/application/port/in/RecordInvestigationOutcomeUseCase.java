package org.toolsetconfig.application.port.in;

/**
 * The engine reports how an investigation ended and the service works out which toolsets it concerns
 * (DESIGN §9), so every engine gets the same classification instead of its own string matching.
 */
@FunctionalInterface
public interface RecordInvestigationOutcomeUseCase {

    /**
     * Applies an outcome: a success resets every used toolset; a failure charges every toolset whose
     * failure patterns match the error (re-checks included, as for a single failure), else the last
     * toolset, else nothing, which is logged and answered as unmatched.
     *
     * @param command the outcome
     * @return what was charged and reset
     */
    InvestigationOutcome record(InvestigationOutcomeCommand command);
}
