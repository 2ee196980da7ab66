package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.domain.Severity;
import org.toolsetconfig.domain.SourcePosition;
import org.toolsetconfig.domain.ToolsetDocument;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * What a document becomes once decoded is bounded by what it is: aliases are counted by the bytes
 * they expand to, the decoder's own memory stays proportional to the input, numbers are never
 * silently changed, and paths built from keys the file chose are escaped and clipped (DESIGN B5,
 * issue 19 items 1, 2 and 6).
 */
class DecoderBoundsTest {

    private static final long ONE_MIB = 1_048_576;

    private final YamlConfigDecoder decoder = new YamlConfigDecoder(ONE_MIB);

    private static DecodeResult decode(YamlConfigDecoder decoder, String yaml) {
        return decoder.decode(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidationProblem onlyProblem(DecodeResult result) {
        DecodeResult.Malformed malformed = assertInstanceOf(DecodeResult.Malformed.class, result,
                () -> "expected a refused document, got " + result.problems());
        assertEquals(1, malformed.problems().size(), malformed.problems()::toString);
        return malformed.problems().get(0);
    }

    private static List<ValidationProblem> errors(DecodeResult result) {
        return result.problems().stream().filter(ValidationProblem::isError).toList();
    }

    /**
     * One long string, a list of {@code copies} aliases of it, and a toolset setting holding
     * {@code lists} aliases of that list: it expands to {@code length × copies × lists} bytes.
     */
    static String amplifier(int length, int copies, int lists) {
        return "s: &s " + "x".repeat(length) + "\n"
                + "l: &l [" + "*s, ".repeat(copies - 1) + "*s]\n"
                + "toolsets:\n  kubernetes/core:\n    enabled: true\n"
                + "    echo: [" + "*l, ".repeat(lists - 1) + "*l]\n";
    }

    @Test
    void aTwentyFourKilobyteDocumentThatExpandsToAGigabyteIsRefused() {
        String yaml = amplifier(20_000, 1_000, 50);
        assertTrue(yaml.length() < 25_000, () -> yaml.length() + " bytes");

        ValidationProblem problem = onlyProblem(decode(decoder, yaml));

        assertEquals(Severity.ERROR, problem.severity());
        assertTrue(problem.message().contains("aliases expand the document to more than 4194304 bytes"),
                problem::toString);
        assertTrue(problem.message().contains("4 × TOOLSET_CONFIG_MAX_BYTES"), problem::toString);
        assertTrue(problem.message().contains("write the values out"), problem::toString);
    }

    @Test
    void theExpandedSizeIsAllowedUpToFourTimesTheLimit() {
        YamlConfigDecoder small = new YamlConfigDecoder(10_000);
        // The string, the list of 15 copies and its aliases: 31 000 bytes of the 40 000 allowed, then 46 000.
        String under = amplifier(1_000, 15, 1);
        String over = amplifier(1_000, 15, 2);

        DecodeResult accepted = decode(small, under);
        ValidationProblem refused = onlyProblem(decode(small, over));

        assertInstanceOf(DecodeResult.Decoded.class, accepted, () -> accepted.problems().toString());
        assertTrue(errors(accepted).isEmpty(), () -> accepted.problems().toString());
        assertTrue(refused.message().contains("more than 40000 bytes"), refused::toString);
    }

    @Test
    void aLongKeyRepeatedByAliasesDecodesInMemoryProportionalToTheInput() {
        // A 40 000-character setting key above 245 000 aliased values: one path string per value
        // would hold about 10 GB.
        String yaml = "l: &l [" + "1, ".repeat(4_999) + "1]\n"
                + "toolsets:\n  kubernetes/core:\n    enabled: true\n"
                + "    ? " + "k".repeat(40_000) + "\n    : [" + "*l, ".repeat(48) + "*l]\n";
        assertTrue(yaml.length() < 60_000, () -> yaml.length() + " bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        DecodeResult result = decode(decoder, yaml);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(errors(result).isEmpty(), () -> result.problems().toString());
        System.out.println("[reliability] decoder.long-key-aliases input=" + yaml.length() + "B allocated="
                + allocated / 1_048_576 + "MiB");
        // Generous: SnakeYAML's scanner alone allocates a few MiB; the unbounded form needed gigabytes.
        assertTrue(allocated < 2_000L * yaml.length(), () -> "allocated " + allocated + " bytes");
    }

    @Test
    void problemsRepeatedByAliasesAreCappedNotCopiedPerValue() {
        String yaml = "l: &l [" + "!!int x, ".repeat(999) + "!!int x]\n"
                + "toolsets:\n  kubernetes/core:\n    enabled: true\n"
                + "    bad: [" + "*l, ".repeat(49) + "*l]\n";

        List<ValidationProblem> problems = errors(decode(decoder, yaml));

        assertEquals(YamlTree.MAX_PROBLEMS + 1, problems.size());
        assertTrue(problems.get(YamlTree.MAX_PROBLEMS).message().contains("more problems"),
                () -> problems.get(YamlTree.MAX_PROBLEMS).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:00:00", "-1:30", "190:20:30", "1:00:00:00:00:00:00", "1:30.5"})
    void aBaseSixtyNumberIsAnErrorNotASilentlyComputedValue(String written) {
        String yaml = "toolsets:\n  kubernetes/core:\n    enabled: true\n    timeout: " + written + "\n";

        List<ValidationProblem> problems = errors(decode(decoder, yaml));

        assertEquals(1, problems.size(), problems::toString);
        ValidationProblem problem = problems.get(0);
        assertEquals("toolsets.kubernetes/core.timeout", problem.path());
        assertTrue(problem.message().contains("base-60"), problem::toString);
        assertTrue(problem.message().contains("quote it"), problem::toString);
        assertEquals(new SourcePosition(4, 14), problem.position());
    }

    @Test
    void aBaseSixtyPriorityIsAnError() {
        List<ValidationProblem> problems = errors(decode(decoder,
                "toolsets:\n  kubernetes/core: {enabled: true, priority: 1:00:00:00:00:00:00}\n"));

        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().allMatch(p -> p.path().equals("toolsets.kubernetes/core.priority")),
                problems::toString);
    }

    @Test
    void aFloatTooLargeForItsTypeIsAnErrorButInfinityWrittenOutIsKept() {
        List<ValidationProblem> problems = errors(decode(decoder,
                "toolsets:\n  kubernetes/core: {enabled: true, ratio: 1e400, cap: .inf}\n"));

        assertEquals(1, problems.size(), problems::toString);
        assertEquals("toolsets.kubernetes/core.ratio", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("too large"), problems.get(0)::toString);
    }

    @Test
    void ordinaryNumbersAndTimesWrittenAsTextStayAsTheyWere() {
        DecodeResult result = decode(decoder,
                "toolsets:\n  kubernetes/core: {enabled: true, at: '1:00:00', n: 0x1F, big: 99999999999}\n");

        ToolsetDocument document = assertInstanceOf(DecodeResult.Decoded.class, result).document();
        assertTrue(errors(result).isEmpty(), () -> result.problems().toString());
        assertEquals("1:00:00", document.toolsets().get(0).settings().get("at"));
        assertEquals(31, document.toolsets().get(0).settings().get("n"));
        assertEquals(99_999_999_999L, document.toolsets().get(0).settings().get("big"));
    }

    @Test
    void aDuplicateKeyWithANewlineCannotForgeALine() {
        String yaml = "toolsets:\n  kubernetes/core:\n    enabled: true\n"
                + "    \"a\\n2026-01-01 ERROR forged\\u2028\\u202e\": 1\n"
                + "    \"a\\n2026-01-01 ERROR forged\\u2028\\u202e\": 2\n";

        ValidationProblem problem = onlyProblem(decode(decoder, yaml));

        assertEquals("toolsets.kubernetes/core.a\\u000a2026-01-01 ERROR forged\\u2028\\u202e", problem.path());
        assertFalse(problem.toString().contains("\n"), problem::toString);
        assertEquals(5, problem.position().line());
    }

    @Test
    void anOverrideKeyIsEscapedInItsPathAndStillLocated() {
        String yaml = "discovered:\n  - name: kubernetes/core\n    enabled: true\n"
                + "overrides:\n  \"x\\ny\\u2029\": {enabled: false}\n";

        List<ValidationProblem> problems = decode(decoder, yaml).problems();

        ValidationProblem problem = problems.stream().filter(p -> p.path().startsWith("overrides.")).findFirst()
                .orElseThrow(() -> new AssertionError(problems.toString()));
        assertEquals("overrides.x\\u000ay\\u2029", problem.path());
        assertEquals(new SourcePosition(5, 3), problem.position());
    }

    @Test
    void aHugeUnknownKeyGivesAClippedPath() {
        String yaml = "toolsets:\n  kubernetes/core: {enabled: true}\n" + "? " + "u".repeat(50_000) + "\u202e\n: 1\n";

        List<ValidationProblem> problems = decode(decoder, yaml).problems();

        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().allMatch(p -> p.path().length() <= 257), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.path().endsWith("u…")), problems::toString);
    }
}
