package org.toolsetconfig.adapters.http;

import java.util.List;
import java.util.Map;

/**
 * Ends a request with a problem response. Handlers throw it; {@link ProblemResponses} is the one
 * place that turns it (and every other failure) into {@code application/problem+json}.
 */
final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ProblemType type;
    private final transient List<Wire.ProblemItem> problems;
    private final transient Map<String, String> headers;

    ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    ProblemException(ProblemType type, String detail, List<Wire.ProblemItem> problems) {
        this(type, detail, problems, Map.of());
    }

    ProblemException(ProblemType type, String detail, List<Wire.ProblemItem> problems, Map<String, String> headers) {
        // No stack trace: this is an expected answer, not a bug, and it is never logged with one.
        super(detail, null, false, false);
        this.type = type;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    ProblemType type() {
        return type;
    }

    List<Wire.ProblemItem> problems() {
        return problems;
    }

    Map<String, String> headers() {
        return headers;
    }
}
