package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.domain.Severity;
import org.toolsetconfig.domain.SourcePosition;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetDocument;
import org.toolsetconfig.domain.ToolsetName;
import org.toolsetconfig.domain.ValidationProblem;

class YamlConfigDecoderTest {

    private static final long ONE_MIB = 1_048_576;

    private final YamlConfigDecoder decoder = new YamlConfigDecoder(ONE_MIB);

    private DecodeResult decode(String yaml) {
        return decoder.decode(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private ToolsetDocument decoded(String yaml) {
        return assertInstanceOf(DecodeResult.Decoded.class, decode(yaml), () -> decode(yaml).problems().toString())
                .document();
    }

    private ValidationProblem malformed(String yaml) {
        return malformed(decode(yaml));
    }

    private static ValidationProblem malformed(DecodeResult result) {
        DecodeResult.Malformed malformed = assertInstanceOf(DecodeResult.Malformed.class, result,
                () -> "expected a malformed document, got " + result);
        assertEquals(1, malformed.problems().size(), malformed.problems()::toString);
        return malformed.problems().get(0);
    }

    private static ValidationProblem onlyProblemAt(List<ValidationProblem> problems, String path) {
        List<ValidationProblem> at = problems.stream().filter(p -> p.path().equals(path)).toList();
        assertEquals(1, at.size(), () -> "problems at " + path + ": " + problems);
        return at.get(0);
    }

    private static List<String> names(List<Toolset> toolsets) {
        return toolsets.stream().map(t -> t.name().value()).toList();
    }

    @Test
    void decodesTheDiscoveredFormWithOverridesAndSettings() {
        ToolsetDocument document = decoded("""
                discovered:
                  - name: kubernetes/core
                    enabled: true
                  - name: prometheus/metrics
                    enabled: true
                    endpoint: http://prometheus:9090
                    timeout_seconds: 5
                    labels: {team: sre, tier: [a, b]}
                  - name: grafana/loki
                    enabled: true
                    priority: 3
                overrides:
                  grafana/loki:
                    enabled: false
                  prometheus/metrics:
                    priority: 10
                """);

        assertFalse(document.hasErrors(), document.problems()::toString);
        assertEquals(ToolsetDocument.Form.DISCOVERED, document.form());
        List<Toolset> effective = document.effectiveToolsets();
        assertEquals(List.of("prometheus/metrics", "kubernetes/core"), names(effective));
        assertEquals(Map.of("timeout_seconds", 5, "labels", Map.of("team", "sre", "tier", List.of("a", "b"))),
                effective.get(0).settings());
        assertEquals(10, effective.get(0).priority());
    }

    @Test
    void decodesTheHolmesGptForm() {
        ToolsetDocument document = decoded("""
                toolsets:
                  kubernetes/core:
                    enabled: true
                  prometheus/metrics:
                    enabled: false
                  aws/s3:
                    enabled: yes
                    priority: 2
                """);

        assertFalse(document.hasErrors(), document.problems()::toString);
        assertEquals(ToolsetDocument.Form.HOLMESGPT, document.form());
        assertEquals(List.of("aws/s3", "kubernetes/core"), names(document.effectiveToolsets()));
    }

    @Test
    void overridesHoldingOnlyCommentsAreAnEmptyMap() {
        ToolsetDocument document = decoded("""
                discovered:
                  - name: kubernetes/core
                    enabled: true
                overrides:
                  # nothing overridden yet
                  # grafana/loki:
                  #   enabled: false
                """);

        assertFalse(document.hasErrors(), document.problems()::toString);
        assertTrue(document.overrides().isEmpty());
        assertEquals(List.of("kubernetes/core"), names(document.effectiveToolsets()));
    }

    @Test
    void anUnknownOverrideIsAWarningAtItsLine() {
        ToolsetDocument document = decoded("""
                discovered:
                  - name: kubernetes/core
                    enabled: true
                overrides:
                  grafana/loki:
                    enabled: false
                """);

        assertFalse(document.hasErrors(), document.problems()::toString);
        ValidationProblem problem = onlyProblemAt(document.problems(), "overrides.grafana/loki");
        assertEquals(Severity.WARNING, problem.severity());
        assertTrue(problem.message().contains("not in 'discovered:'"), problem::toString);
        assertEquals(new SourcePosition(5, 3), problem.position());
    }

    @Test
    void bothFormsInOneDocumentIsAnError() {
        ToolsetDocument document = decoded("""
                discovered:
                  - name: kubernetes/core
                    enabled: true
                toolsets:
                  aws/s3:
                    enabled: true
                """);

        assertTrue(document.hasErrors());
        assertTrue(onlyProblemAt(document.problems(), "").message().contains("mixes both forms"));
    }

    @Test
    void aProblemCarriesItsPathLineAndColumn() {
        ToolsetDocument document = decoded("""
                discovered:
                  - name: kubernetes/core
                    enabled: true
                  - name: aws/s3
                    enabled: true
                  - name: prometheus/metrics
                    enabled: maybe
                """);

        ValidationProblem problem = onlyProblemAt(document.problems(), "discovered[2].enabled");
        assertEquals(Severity.ERROR, problem.severity());
        assertEquals(new SourcePosition(7, 5), problem.position());
        assertEquals("discovered[2].enabled (line 7, column 5): must be true or false, but it is the text 'maybe'",
                problem.toString());
    }

    @Test
    void aMissingKeyIsReportedAtTheEntryThatLacksIt() {
        ToolsetDocument document = decoded("""
                discovered:
                  - name: kubernetes/core
                    enabled: true
                  - name: aws/s3
                """);

        ValidationProblem problem = onlyProblemAt(document.problems(), "discovered[1].enabled");
        assertEquals(Severity.WARNING, problem.severity());
        assertEquals(new SourcePosition(4, 5), problem.position());
    }

    @Test
    void aSyntaxErrorIsMalformedWithItsLineAndColumn() {
        ValidationProblem problem = malformed("""
                discovered:
                  - name: kubernetes/core
                    enabled: [true
                  - name: aws/s3
                """);

        assertTrue(problem.isError());
        assertTrue(problem.message().startsWith("YAML syntax error: "), problem::toString);
        assertEquals(4, problem.position().line(), problem::toString);
        assertTrue(problem.position().column() > 0, problem::toString);
    }

    @Test
    void aTabIndentIsASyntaxErrorAtItsLine() {
        ValidationProblem problem = malformed("discovered:\n\t- name: kubernetes/core\n");

        assertTrue(problem.message().contains("TAB"), problem::toString);
        assertEquals(new SourcePosition(2, 1), problem.position());
    }

    @Test
    void aBillionLaughsDocumentIsRefusedInMilliseconds() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
        }

        ValidationProblem problem = malformed(yaml.toString());

        assertTrue(problem.message().contains("aliases"), problem::toString);
    }

    @Test
    void anAliasBombUnderTheAliasLimitIsRefusedByTheExpansionBudget() {
        // 16 levels of 3 aliases: 48 aliases (under the limit of 50) that would expand to 3^16 lists.
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, y, z]\n");
        for (int level = 1; level <= 16; level++) {
            String previous = "*l" + (level - 1);
            yaml.append("l").append(level).append(": &l").append(level)
                    .append(" [").append(previous).append(", ").append(previous).append(", ").append(previous)
                    .append("]\n");
        }

        ValidationProblem problem = malformed(yaml.toString());

        assertTrue(problem.message().contains("aliases expand the document"), problem::toString);
    }

    @Test
    void aRecursiveAliasIsRefused() {
        ValidationProblem problem = malformed("""
                discovered: &loop
                  - name: kubernetes/core
                    enabled: true
                    again: *loop
                """);

        assertTrue(problem.message().contains("recursive"), problem::toString);
    }

    @Test
    void nestingTwoHundredDeepIsRefused() {
        ValidationProblem flow = malformed("discovered: " + "[".repeat(200) + "]".repeat(200) + "\n");
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            block.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        ValidationProblem blockStyle = malformed(block.toString());

        assertTrue(flow.message().contains("deeper than " + YamlConfigDecoder.MAX_NESTING_DEPTH), flow::toString);
        assertTrue(blockStyle.message().contains("deeper than " + YamlConfigDecoder.MAX_NESTING_DEPTH),
                blockStyle::toString);
    }

    @Test
    void aliasesCannotPushNestingPastTheLimit() {
        // Each level is 10 deep and refers to the previous one: 6 levels nest 60 deep through aliases.
        StringBuilder yaml = new StringBuilder("l0: &l0 " + "[".repeat(10) + "]".repeat(10) + "\n");
        for (int level = 1; level <= 6; level++) {
            yaml.append("l").append(level).append(": &l").append(level).append(' ')
                    .append("[".repeat(10)).append("*l").append(level - 1).append("]".repeat(10)).append('\n');
        }

        assertTrue(malformed(yaml.toString()).message().contains("deeper than"));
    }

    @Test
    void aDocumentOverTheByteLimitIsRefusedAndOneExactlyAtItIsRead() {
        YamlConfigDecoder small = new YamlConfigDecoder(200);
        String valid = "discovered:\n  - name: kubernetes/core\n    enabled: true\n";
        String atLimit = valid + "#".repeat(199 - valid.length()) + "\n";
        assertEquals(200, atLimit.length());

        DecodeResult read = small.decode(atLimit.getBytes(StandardCharsets.UTF_8));
        ValidationProblem over = malformed(small.decode((atLimit + "#").getBytes(StandardCharsets.UTF_8)));

        assertInstanceOf(DecodeResult.Decoded.class, read, read.problems()::toString);
        assertTrue(over.message().contains("larger than the limit of 200 bytes"), over::toString);
    }

    @Test
    void binaryContentIsRefusedAsNotText() {
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        ValidationProblem problem = malformed(decoder.decode(binary));

        assertTrue(problem.message().contains("NUL byte"), problem::toString);
        assertTrue(problem.message().contains("binary"), problem::toString);
    }

    @Test
    void invalidUtf8IsRefusedWithItsOffset() {
        byte[] latin1 = "discovered:\n  - name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        ValidationProblem problem = malformed(decoder.decode(latin1));

        assertTrue(problem.message().contains("not valid UTF-8"), problem::toString);
        assertEquals(new SourcePosition(2, 14), problem.position());
    }

    @Test
    void utf16IsRefusedWithAHowToFix() {
        byte[] utf16 = "discovered: []\n".getBytes(StandardCharsets.UTF_16);
        ValidationProblem problem = malformed(decoder.decode(utf16));

        assertTrue(problem.message().contains("UTF-16"), problem::toString);
    }

    @Test
    void utf32IsNamedAsSuchNotTakenForUtf16OrBinary() {
        byte[] text = "discovered: []\n".getBytes(Charset.forName("UTF-32BE"));
        byte[] bigEndian = new byte[text.length + 4];
        bigEndian[2] = (byte) 0xFE;
        bigEndian[3] = (byte) 0xFF;
        System.arraycopy(text, 0, bigEndian, 4, text.length);
        byte[] littleEndian = {(byte) 0xFF, (byte) 0xFE, 0, 0, 'd', 0, 0, 0};

        assertEquals("the file is UTF-32BE encoded; save it as UTF-8", malformed(decoder.decode(bigEndian)).message());
        assertEquals("the file is UTF-32LE encoded; save it as UTF-8",
                malformed(decoder.decode(littleEndian)).message());
    }

    @Test
    void aControlCharacterIsRefusedAtItsPosition() {
        ValidationProblem problem = malformed("discovered:\n  - name: a\u0007b\n");

        assertTrue(problem.message().contains("U+0007"), problem::toString);
        assertEquals(2, problem.position().line(), problem::toString);
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() {
        ToolsetDocument document = decoded("\uFEFFtoolsets:\n  kubernetes/core:\n    enabled: true\n");

        assertFalse(document.hasErrors(), document.problems()::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\n", "# only a comment\n# and another\n"})
    void anEmptyDocumentIsAClearProblem(String yaml) {
        ToolsetDocument document = decoded(yaml);

        assertTrue(document.hasErrors());
        assertTrue(onlyProblemAt(document.problems(), "").message().contains("must be a mapping"),
                document.problems()::toString);
    }

    @Test
    void aListAtTheTopIsAClearProblem() {
        ToolsetDocument document = decoded("- name: kubernetes/core\n  enabled: true\n");

        ValidationProblem problem = onlyProblemAt(document.problems(), "");
        assertTrue(problem.isError());
        assertTrue(problem.message().contains("but it is a list"), problem::toString);
    }

    @Test
    void aScalarAtTheTopIsAClearProblem() {
        ToolsetDocument document = decoded("just some text\n");

        assertTrue(onlyProblemAt(document.problems(), "").message().contains("but it is the text 'just some text'"));
    }

    @Test
    void duplicateKeysAreRefusedNamingBothLines() {
        ValidationProblem problem = malformed("""
                discovered:
                  - name: kubernetes/core
                    enabled: true
                    enabled: false
                """);

        assertEquals("discovered[0].enabled", problem.path());
        assertTrue(problem.message().contains("duplicate key 'enabled' (first at line 3, column 5)"), problem::toString);
        assertEquals(new SourcePosition(4, 5), problem.position());
    }

    @Test
    void duplicateTopLevelKeysAreRefused() {
        ValidationProblem problem = malformed("""
                toolsets:
                  aws/s3: {enabled: true}
                toolsets:
                  kubernetes/core: {enabled: true}
                """);

        assertEquals("toolsets", problem.path());
        assertEquals(new SourcePosition(3, 1), problem.position());
    }

    @Test
    void moreThanOneDocumentIsRefused() {
        ValidationProblem problem = malformed("toolsets: {aws/s3: {enabled: true}}\n---\ntoolsets: {}\n");

        assertTrue(problem.message().contains("single document"), problem::toString);
        assertEquals(2, problem.position().line());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "toolsets:\n  aws/s3:\n    enabled: true\n    key: !!binary aGVsbG8=\n",
            "toolsets:\n  aws/s3:\n    enabled: true\n    key: !!python/object:os.system {}\n",
            "toolsets:\n  aws/s3:\n    enabled: true\n    key: !!javax.script.ScriptEngineManager [x]\n",
            "toolsets:\n  aws/s3:\n    enabled: true\n    key: !<tag:example.com,2000:app/foo> bar\n",
            "toolsets:\n  aws/s3:\n    enabled: true\n    key: !local bar\n",
            "toolsets:\n  aws/s3:\n    enabled: true\n    key: !!set {a, b}\n",
            "toolsets:\n  aws/s3:\n    enabled: true\n    key: !!omap [a: 1]\n"})
    void explicitTagsOtherThanPlainValuesAreRefused(String yaml) {
        ValidationProblem problem = malformed(yaml);

        assertTrue(problem.isError());
        assertTrue(problem.message().contains("tag"), problem::toString);
        assertEquals(4, problem.position().line(), problem::toString);
    }

    @Test
    void coreTagsAreReadAsPlainValues() {
        ToolsetDocument document = decoded("""
                toolsets:
                  aws/s3:
                    enabled: !!bool "true"
                    priority: !!int "7"
                    region: !!str 42
                """);

        assertFalse(document.hasErrors(), document.problems()::toString);
        Toolset toolset = document.effectiveToolsets().get(0);
        assertEquals(7, toolset.priority());
        assertEquals("42", toolset.settings().get("region"));
    }

    @Test
    void timestampsStayTheTextWritten() {
        ToolsetDocument document = decoded("""
                toolsets:
                  aws/s3:
                    enabled: true
                    since: 2024-01-01
                    at: 2001-12-14t21:59:43.10-05:00
                """);

        Map<String, Object> settings = document.effectiveToolsets().get(0).settings();
        assertEquals("2024-01-01", settings.get("since"));
        assertEquals("2001-12-14t21:59:43.10-05:00", settings.get("at"));
    }

    @Test
    void numbersBooleansAndNullsKeepTheirTypesAndKeysAreText() {
        ToolsetDocument document = decoded("""
                toolsets:
                  aws/s3:
                    enabled: on
                    ratio: 0.5
                    hex: 0x1F
                    big: 12345678901
                    nothing: ~
                    1: one
                """);

        Map<String, Object> settings = document.effectiveToolsets().get(0).settings();
        assertEquals(0.5, settings.get("ratio"));
        assertEquals(31, settings.get("hex"));
        assertEquals(12345678901L, settings.get("big"));
        assertTrue(settings.containsKey("nothing"));
        assertEquals("one", settings.get("1"));
    }

    @Test
    void anOverlongNumberIsRefusedRatherThanParsed() {
        ValidationProblem problem = malformed("toolsets:\n  aws/s3:\n    enabled: true\n    n: " + "9".repeat(100) + "\n");

        assertTrue(problem.message().contains("number longer than"), problem::toString);
    }

    @Test
    void aBadValueForAnExplicitCoreTagIsRefused() {
        ValidationProblem problem = malformed("toolsets:\n  aws/s3:\n    enabled: true\n    n: !!int twelve\n");

        assertEquals("toolsets.aws/s3.n", problem.path());
        assertTrue(problem.message().contains("is not a valid !!int"), problem::toString);
    }

    @Test
    void mergeKeysAndAliasesWorkWithExplicitKeysWinning() {
        ToolsetDocument document = decoded("""
                defaults: &defaults
                  enabled: true
                  timeout_seconds: 30
                toolsets:
                  aws/s3:
                    <<: *defaults
                    timeout_seconds: 5
                  kubernetes/core:
                    <<: [*defaults]
                """);

        assertFalse(document.hasErrors(), document.problems()::toString);
        Map<ToolsetName, Toolset> byName = new java.util.HashMap<>();
        document.effectiveToolsets().forEach(t -> byName.put(t.name(), t));
        assertEquals(5, byName.get(ToolsetName.of("aws/s3")).settings().get("timeout_seconds"));
        assertEquals(30, byName.get(ToolsetName.of("kubernetes/core")).settings().get("timeout_seconds"));
        assertEquals(Severity.WARNING, onlyProblemAt(document.problems(), "defaults").severity());
    }

    @Test
    void aComplexKeyIsRefused() {
        ValidationProblem problem = malformed("toolsets:\n  ? [a, b]\n  : {enabled: true}\n");

        assertTrue(problem.message().contains("key must be plain text"), problem::toString);
    }

    @Test
    void neverThrowsWhateverTheBytes() {
        Random random = new Random(20260101L);
        byte[] valid = """
                discovered:
                  - name: kubernetes/core
                    enabled: true
                    labels: {a: [1, 2, &x {b: c}], d: *x}
                overrides:
                  kubernetes/core: {priority: 3}
                """.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes;
            if (round % 2 == 0) {
                bytes = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) (32 + random.nextInt(95));
                }
            } else {
                bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
            }
            DecodeResult result = decoder.decode(bytes);
            assertNotNull(result);
            if (result instanceof DecodeResult.Malformed malformed) {
                assertTrue(malformed.problems().stream().allMatch(p -> !p.message().isBlank()));
            }
        }
    }
}
