package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void lineEndsSeparatorsAndBidiControlsAreEscaped() {
        assertEquals("a\\u000ab\\u000dc\\u001b[2J\\u0085", Printable.escape("a\nb\rc\u001b[2J\u0085"));
        assertEquals("x\\u2028y\\u2029z", Printable.escape("x\u2028y\u2029z"));
        assertEquals("\\u202eevil\\u202c \\u2066\\u2069\\u200f\\u061c",
                Printable.escape("\u202eevil\u202c \u2066\u2069\u200f\u061c"));
    }

    @Test
    void safeTextIsReturnedAsIs() {
        String text = "Timeout after 30 s — café ✓ 🚀";
        assertSame(text, Printable.escape(text));
        assertEquals(text, Printable.of(text));
    }

    @Test
    void clippingCountsTheEscapedTextAndNeverSplitsAnEscapeOrAPair() {
        assertEquals("abc…", Printable.clip("abcdef", 3));
        assertEquals("abc", Printable.clip("abc", 3));
        assertEquals("ab…", Printable.clip("ab\ncd", 4), "the 6-character escape does not fit in 4");
        assertEquals("a…", Printable.clip("a🚀b", 2), "the pair is kept whole or not at all");
        assertEquals("a🚀…", Printable.clip("a🚀b", 3));
    }

    @Test
    void anEchoIsAtMostSixtyFourCharactersAndSaysItWasCut() {
        String echoed = Printable.of("x".repeat(500));
        assertEquals(Printable.MAX_ECHO + 1, echoed.length());
        assertEquals('…', echoed.charAt(Printable.MAX_ECHO));
    }
}
