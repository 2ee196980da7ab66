package org.toolsetconfig.application.port.out;

import java.util.List;
import java.util.Objects;
import org.toolsetconfig.domain.ToolsetDocument;
import org.toolsetconfig.domain.ValidationProblem;

/** What the decoder made of a file: a document (which may still have problems), or nothing it could read. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Malformed {

    /** The file was read as a document; its own {@code problems()} say whether it is valid. */
    record Decoded(ToolsetDocument document) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(document, "document");
        }
    }

    /** The file is not a readable document (YAML syntax, encoding, hostile content); at least one ERROR. */
    record Malformed(List<ValidationProblem> problems) implements DecodeResult {
        public Malformed {
            problems = List.copyOf(problems);
            if (problems.stream().noneMatch(ValidationProblem::isError)) {
                throw new IllegalArgumentException("a malformed document needs at least one ERROR problem");
            }
        }
    }

    /** The problems of the file, whatever the case. */
    default List<ValidationProblem> problems() {
        if (this instanceof Decoded decoded) {
            return decoded.document().problems();
        }
        return ((Malformed) this).problems();
    }
}
