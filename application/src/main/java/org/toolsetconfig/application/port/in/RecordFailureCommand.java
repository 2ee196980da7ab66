package org.toolsetconfig.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.toolsetconfig.domain.ToolsetName;

/** One failure of {@code toolset}, with the error type and message when the reporter knows them. */
public record RecordFailureCommand(ToolsetName toolset, Optional<String> errorType, Optional<String> errorMessage) {

    public RecordFailureCommand {
        Objects.requireNonNull(toolset, "toolset");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(errorMessage, "errorMessage");
    }

    /** A failure with no error details. */
    public static RecordFailureCommand of(ToolsetName toolset) {
        return new RecordFailureCommand(toolset, Optional.empty(), Optional.empty());
    }

    /** A failure with an error type and message. */
    public static RecordFailureCommand of(ToolsetName toolset, String errorType, String errorMessage) {
        return new RecordFailureCommand(toolset, Optional.ofNullable(errorType), Optional.ofNullable(errorMessage));
    }
}
