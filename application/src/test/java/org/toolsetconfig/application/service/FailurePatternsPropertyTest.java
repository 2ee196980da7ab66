package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;

/**
 * Matching never throws and always ends, whatever a config's patterns and an engine's error text
 * are. That it ends in time linear in the text is RE2/J's contract (an automaton, no backtracking,
 * so no catastrophic case exists); these tests show the consequences without timing anything: the
 * classic catastrophic patterns against a 1 MiB text complete, and thousands of random pairs do.
 */
class FailurePatternsPropertyTest {

    /** Regex metacharacters weighted in, so that many generated patterns are nested, quantified or broken. */
    private static final String PATTERN_CHARS = "ab()[]{}|*+?.^$\\\\-,:01 kK";

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars(PATTERN_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("ab ()k:".toCharArray()).ofMaxLength(3000));
    }

    @Property(tries = 2000)
    void matchingRandomTextsWithRandomPatternsNeverThrows(@ForAll("patterns") String pattern,
                                                          @ForAll("patterns") String other,
                                                          @ForAll("texts") String text) {
        Toolset toolset = withPatterns("custom/tool", List.of(pattern, other));
        FailurePatterns compiled = FailurePatterns.of(List.of(toolset));

        List<ToolsetName> matched = compiled.matching(text);

        assertTrue(matched.isEmpty() || matched.equals(List.of(toolset.name())));
        // A pattern is refused at load exactly when it would be left out at match time: never a throw.
        FailurePatterns.problemWith(pattern);
    }

    @Test
    void catastrophicPatternsOnAOneMebibyteTextComplete() {
        // Each of these backtracks exponentially (or polynomially) in java.util.regex on such a text.
        List<String> pathological = List.of("(a+)+$", "(a|a)*b", "(a|aa)+c", "^(\\w+\\s?)*$", "(.*a){20}z");
        Toolset toolset = withPatterns("custom/tool", pathological);
        String text = "a".repeat(1 << 20) + "!";

        List<ToolsetName> matched = FailurePatterns.of(List.of(toolset)).matching(text);

        assertEquals(List.of(), matched);
        assertEquals(List.of(toolset.name()),
                FailurePatterns.of(List.of(toolset)).matching("a".repeat(1 << 20) + " custom/tool"));
    }

    @Test
    void whatRe2RefusesIsAProblemNotAnException() {
        assertTrue(FailurePatterns.problemWith("(a)\\1").isPresent(), "backreference");
        assertTrue(FailurePatterns.problemWith("(?=a)").isPresent(), "lookahead");
        assertTrue(FailurePatterns.problemWith("[").isPresent(), "unclosed class");
        assertEquals(Optional.empty(), FailurePatterns.problemWith("(?P<name>x)|\\pL"));
    }

    private static Toolset withPatterns(String name, List<String> patterns) {
        return new Toolset(ToolsetName.of(name), true, 0, Optional.empty(), Toolset.Type.BUILT_IN, patterns, Map.of());
    }
}
