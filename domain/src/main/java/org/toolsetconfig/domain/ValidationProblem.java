package org.toolsetconfig.domain;

import java.util.Objects;

/**
 * One thing wrong with a configuration document: where ({@code discovered[2].name}), what, how
 * serious, and the line and column when the decoder knows them.
 */
public record ValidationProblem(String path, String message, Severity severity, SourcePosition position) {

    public ValidationProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
    }

    /** An error at {@code path}, position unknown. */
    public static ValidationProblem error(String path, String message) {
        return new ValidationProblem(path, message, Severity.ERROR, SourcePosition.UNKNOWN);
    }

    /** A warning at {@code path}, position unknown. */
    public static ValidationProblem warning(String path, String message) {
        return new ValidationProblem(path, message, Severity.WARNING, SourcePosition.UNKNOWN);
    }

    /** The same problem located at {@code where}. */
    public ValidationProblem at(SourcePosition where) {
        return new ValidationProblem(path, message, severity, where);
    }

    /** Whether this problem stops the document from being applied. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code path: message}, with the position when known: the line an operator reads. */
    @Override
    public String toString() {
        String where = path.isEmpty() ? "(document)" : path;
        return position.isKnown()
                ? where + " (" + position + "): " + message
                : where + ": " + message;
    }
}
