package org.toolsetconfig.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The failure history of one toolset. {@code consecutiveFailures} is reset by a success and by an
 * applied change of the toolset's definition; {@code totalFailures} is never reset.
 */
public record FailureRecord(ToolsetName toolset, int consecutiveFailures, long totalFailures,
                            Optional<Instant> lastFailureAt, String lastErrorType, String lastErrorMessage,
                            ErrorClass lastErrorClass) {

    /** The error type recorded when the reporter gives none. */
    public static final String DEFAULT_ERROR_TYPE = "UnknownError";
    /** The error message recorded when the reporter gives none. */
    public static final String DEFAULT_ERROR_MESSAGE = "No error message";
    /** How much of an error message is stored. */
    public static final int MAX_STORED_MESSAGE = 1024;
    /** How much of an error message goes into a log line, clipped by {@link Printable#clip}. */
    public static final int MAX_LOGGED_MESSAGE = 200;
    /** How much of an error type is stored; longer ones are cut. */
    public static final int MAX_ERROR_TYPE = 128;

    public FailureRecord {
        Objects.requireNonNull(toolset, "toolset");
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        Objects.requireNonNull(lastErrorType, "lastErrorType");
        Objects.requireNonNull(lastErrorMessage, "lastErrorMessage");
        Objects.requireNonNull(lastErrorClass, "lastErrorClass");
        if (consecutiveFailures < 0 || totalFailures < consecutiveFailures) {
            throw new InvalidValueException("need 0 <= consecutiveFailures <= totalFailures, got "
                    + consecutiveFailures + " and " + totalFailures);
        }
    }

    /** A record whose error class is read from its last error type and message. */
    public FailureRecord(ToolsetName toolset, int consecutiveFailures, long totalFailures,
                         Optional<Instant> lastFailureAt, String lastErrorType, String lastErrorMessage) {
        this(toolset, consecutiveFailures, totalFailures, lastFailureAt, lastErrorType, lastErrorMessage,
                lastFailureAt.isEmpty() ? ErrorClass.UNKNOWN : ErrorClass.classify(lastErrorType, lastErrorMessage));
    }

    /** A toolset that has never failed. */
    public static FailureRecord none(ToolsetName toolset) {
        return new FailureRecord(toolset, 0, 0, Optional.empty(), DEFAULT_ERROR_TYPE, DEFAULT_ERROR_MESSAGE,
                ErrorClass.UNKNOWN);
    }

    /** This record after one more failure at {@code at}; blank type or message fall back to the defaults. */
    public FailureRecord withFailure(String errorType, String errorMessage, Instant at) {
        return new FailureRecord(toolset, consecutiveFailures == Integer.MAX_VALUE ? consecutiveFailures
                : consecutiveFailures + 1, totalFailures + 1, Optional.of(at),
                clean(errorType, DEFAULT_ERROR_TYPE, MAX_ERROR_TYPE),
                clean(errorMessage, DEFAULT_ERROR_MESSAGE, MAX_STORED_MESSAGE),
                // Classified from the texts as reported, before the message is cut for storage.
                ErrorClass.classify(errorType, errorMessage));
    }

    /** This record with the consecutive count back at 0 and everything else kept. */
    public FailureRecord withConsecutiveReset() {
        return consecutiveFailures == 0 ? this
                : new FailureRecord(toolset, 0, totalFailures, lastFailureAt, lastErrorType, lastErrorMessage,
                        lastErrorClass);
    }

    private static String clean(String text, String fallback, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return text.length() <= max ? text : cut(text, max);
    }

    /** The first {@code max} chars of {@code text}, one fewer when the cut would split a surrogate pair. */
    private static String cut(String text, int max) {
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
}
