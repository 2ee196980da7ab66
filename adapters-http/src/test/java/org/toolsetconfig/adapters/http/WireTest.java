package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.toolsetconfig.domain.SourcePosition;
import org.toolsetconfig.domain.ValidationProblem;

class WireTest {

    @Test
    void aPlacedProblemCarriesItsLineAndColumnAndAnUnplacedOneNulls() {
        Wire.ProblemItem placed = Wire.ProblemItem.of(ValidationProblem.error("discovered[1].name", "bad name")
                .at(new SourcePosition(4, 11)));
        Wire.ProblemItem unplaced = Wire.ProblemItem.of(ValidationProblem.warning("overrides.x", "unknown"));

        assertEquals(new Wire.ProblemItem("discovered[1].name", "bad name", "ERROR", 4, 11), placed);
        assertNull(unplaced.line());
        assertNull(unplaced.column());
        assertEquals("WARNING", unplaced.severity());
    }
}
