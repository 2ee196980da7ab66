package org.toolsetconfig.application.port.in;

import java.util.List;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ValidationProblem;

/** Every problem found in a document, and the toolsets it would make active if it were applied. */
public record ValidationReport(List<ValidationProblem> problems, List<Toolset> toolsets) {

    public ValidationReport {
        problems = List.copyOf(problems);
        toolsets = List.copyOf(toolsets);
    }

    /** Whether the document has no ERROR problem and so could be applied. */
    public boolean valid() {
        return problems.stream().noneMatch(ValidationProblem::isError);
    }
}
