package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body. {@code problems} carries what was wrong with the request's
 * content, field by field; it is left out when there is nothing to list.
 */
record Problem(String type, String title, int status, String detail, String instance,
               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Wire.ProblemItem> problems) {

    Problem {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, List.of());
    }

    /** A problem with no type of this API's own: the status says it all (RFC 9457 §4.2.1). */
    static Problem about(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance, List.of());
    }

    Problem withProblems(List<Wire.ProblemItem> items) {
        return new Problem(type, title, status, detail, instance, items);
    }
}
