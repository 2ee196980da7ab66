package com.example.embedding;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.in.RegisterSessionResult;
import org.toolsetconfig.application.port.in.SessionView;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;

/**
 * The calls an investigation makes: register a session (which pins the active toolsets, so a reload cannot change
 * them mid-way), use each toolset and report its failure or success, unregister.
 */
public final class Investigation {

    /** One use of a toolset by the engine; an {@link IOException} is a toolset failure. */
    @FunctionalInterface
    public interface ToolCall {
        /** Uses {@code toolset}. */
        void use(Toolset toolset) throws IOException;
    }

    /** What an investigation saw: the generation it pinned, which toolsets worked and which failed. */
    public record Report(long generation, List<ToolsetName> succeeded, List<ToolsetName> failed,
                         List<RecordFailureResult> failureResults) {
        /** Copies the lists. */
        public Report {
            succeeded = List.copyOf(succeeded);
            failed = List.copyOf(failed);
            failureResults = List.copyOf(failureResults);
        }
    }

    private final ManageSessionsUseCase sessions;
    private final RecordToolsetOutcomeUseCase outcomes;

    /** Takes the two use cases an investigation needs, e.g. {@code core.sessions()} and {@code core.outcomes()}. */
    public Investigation(ManageSessionsUseCase sessions, RecordToolsetOutcomeUseCase outcomes) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    }

    /**
     * Runs one investigation under {@code id}, calling {@code call} for each toolset it pinned.
     *
     * @throws IllegalStateException when the session cap is reached
     */
    public Report run(SessionId id, ToolCall call) {
        // tag::investigation[]
        if (sessions.register(id) instanceof RegisterSessionResult.Refused refused) {
            throw new IllegalStateException("cannot start investigation " + id + ": " + refused.reason());
        }
        try {
            SessionView pinned = sessions.session(id).orElseThrow();
            List<ToolsetName> succeeded = new ArrayList<>();
            List<ToolsetName> failed = new ArrayList<>();
            List<RecordFailureResult> failureResults = new ArrayList<>();
            for (Toolset toolset : pinned.snapshot().toolsets()) {
                try {
                    call.use(toolset);
                    outcomes.recordSuccess(toolset.name());
                    succeeded.add(toolset.name());
                } catch (IOException e) {
                    // The third consecutive failure of a toolset re-checks the configuration before this returns.
                    failureResults.add(outcomes.recordFailure(RecordFailureCommand.of(
                            toolset.name(), e.getClass().getSimpleName(), e.getMessage())));
                    failed.add(toolset.name());
                }
            }
            return new Report(pinned.session().generation(), succeeded, failed, failureResults);
        } finally {
            sessions.unregister(id);
        }
        // end::investigation[]
    }
}
