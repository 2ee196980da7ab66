package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintablePathTest {

    @Test
    void anOrdinaryPathIsKeptAsWritten() {
        assertEquals("toolsets.kubernetes/core.enabled", Printable.path("toolsets.kubernetes/core.enabled"));
        assertEquals("discovered[2].name", Printable.path("discovered[2].name"));
        assertEquals("overrides.café.日本", Printable.path("overrides.café.日本"));
    }

    @Test
    void everyCharacterThatBreaksOrDisguisesALineIsEscaped() {
        String forged = "overrides.a\n2026-01-01 ERROR x\r\u001b[2J\u2028\u2029\u202eevil\u2066\u200f\ufeff";

        String path = Printable.path(forged);

        assertEquals("overrides.a\\u000a2026-01-01 ERROR x\\u000d\\u001b[2J\\u2028\\u2029\\u202eevil\\u2066"
                + "\\u200f\\ufeff", path);
    }

    @Test
    void aLoneSurrogateIsEscapedAndAPairIsKept() {
        assertEquals("a\\ud800b\uD83D\uDE00", Printable.path("a\uD800b\uD83D\uDE00"));
    }

    @Test
    void aLongPathIsClippedWithAnEllipsis() {
        String path = Printable.path("toolsets." + "k".repeat(40_000) + ".x");

        assertEquals(257, path.length());
        assertTrue(path.startsWith("toolsets.kkk") && path.endsWith("k…"), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a\nb", "\uD83D\uDE00", "é"})
    void applyingItTwiceChangesNothing(String unit) {
        String raw = "overrides." + unit.repeat(300);

        String once = Printable.path(raw);

        assertEquals(once, Printable.path(once));
        assertTrue(once.length() <= 257, once);
    }
}
