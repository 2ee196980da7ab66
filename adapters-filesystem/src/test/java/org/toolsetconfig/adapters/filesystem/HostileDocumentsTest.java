package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * Hostile documents written to the watched file and re-checked by the real core (FileConfigSource
 * on Jimfs, the YAML decoder): each is refused with a problem that says what is wrong, quickly, and
 * the active snapshot stays. No tag ever makes SnakeYAML construct an object: the canary class below
 * is named in tags and must never be instantiated.
 */
class HostileDocumentsTest {

    private static final long MAX_BYTES = 1_048_576;
    private static final String VALID = WatchedConfig.config(1);
    private static final String CANARY = "!!org.toolsetconfig.adapters.filesystem.HostileDocumentsTest$Canary";
    private static final List<String> TIMINGS = new ArrayList<>();

    /** Constructing it is the proof that a tag reached a constructor. */
    public static final class Canary {
        static final AtomicBoolean CONSTRUCTED = new AtomicBoolean();

        public Canary() {
            CONSTRUCTED.set(true);
        }

        public Canary(String ignored) {
            CONSTRUCTED.set(true);
        }
    }

    private static FileSystem jimfs;
    private static Path file;
    private static ToolsetConfigCore core;

    @BeforeAll
    static void mount() throws IOException {
        jimfs = Medium.jimfs(1000);
        file = Files.createDirectories(jimfs.getPath("/etc/kubernaut/toolsets")).resolve("toolsets.yaml");
        Files.writeString(file, VALID);
        core = ToolsetConfigCore.builder().configSource(new FileConfigSource(file, MAX_BYTES))
                .configDecoder(new YamlConfigDecoder(MAX_BYTES)).settings(CoreSettings.defaults())
                .structuredLogging(false).build();
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, core.reloads().startup());
    }

    @AfterAll
    static void report() throws IOException {
        System.out.println("[reliability] hostile.cases=" + TIMINGS.size() + " " + String.join(" ", TIMINGS));
        jimfs.close();
    }

    static Stream<Arguments> hostileDocuments() {
        List<Arguments> cases = new ArrayList<>();
        // --- expansion and nesting ---
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        cases.add(text("billion laughs (9 levels of 9 aliases)", laughs + "toolsets: *i\n", "billion laughs"));
        StringBuilder narrow = new StringBuilder("a: &a [" + "x, ".repeat(999) + "x]\n");
        for (char c = 'b'; c <= 'e'; c++) {
            narrow.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(9))
                    .append('*').append((char) (c - 1)).append("]\n");
        }
        cases.add(text("alias bomb under the alias limit (10^7 values)", narrow.toString(), "aliases expand"));
        cases.add(text("merge-key bomb", mergeBomb(), "billion laughs"));
        cases.add(text("output amplification: 24 KB of aliases repeating a 20 000-character string (1 GB)",
                DecoderBoundsTest.amplifier(20_000, 1_000, 50), "aliases expand the document to more than 4194304 bytes"));
        cases.add(text("base-60 priority wrapping past 32 bits",
                "toolsets:\n  a: {enabled: true, priority: 1:00:00:00:00:00:00}\n", "base-60"));
        cases.add(text("a key with a newline forging a log line, twice",
                "toolsets:\n  a: {enabled: true, \"x\\nERROR forged\": 1, \"x\\nERROR forged\": 2}\n",
                "a.x\\u000aERROR forged"));
        cases.add(text("recursive alias", "toolsets: &a {x: *a}\n", "recursive"));
        cases.add(text("recursive merge", "toolsets: &a {<<: *a}\n", "recursive"));
        cases.add(text("deep block nesting (200)", nestedBlock(200), "nests"));
        cases.add(text("deep flow sequences (10 000)", "toolsets: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n",
                "nests"));
        cases.add(text("deep flow mappings (10 000)", "toolsets: " + "{a: ".repeat(10_000) + "}".repeat(10_000) + "\n",
                "nests"));
        cases.add(text("unclosed flow sequence of 500 000 brackets", "toolsets: " + "[".repeat(500_000), "nests"));
        // --- size ---
        cases.add(text("a huge single scalar as a toolset name (1 MiB - 100)",
                "discovered:\n  - name: " + "a".repeat((int) MAX_BYTES - 100) + "\n    enabled: true\n", "at most 128"));
        cases.add(text("a huge plain key (64 KiB)", "toolsets:\n  " + "a".repeat(65_536) + ": {enabled: true}\n",
                "syntax error"));
        cases.add(text("a huge number (5 000 digits)", "toolsets:\n  a: {enabled: true, priority: "
                + "9".repeat(5000) + "}\n", "whole number"));
        cases.add(text("a float overflowing to infinity as priority", "toolsets:\n  a: {enabled: true, priority: 1e400}\n",
                "too large"));
        cases.add(bytes("a scalar over the byte limit (2 MiB)",
                ("toolsets:\n  a: {enabled: true, x: " + "b".repeat(2 * (int) MAX_BYTES) + "}\n")
                        .getBytes(StandardCharsets.UTF_8), "TOOLSET_CONFIG_MAX_BYTES"));
        cases.add(bytes("a 10 MiB file", tenMiB(), "TOOLSET_CONFIG_MAX_BYTES"));
        // --- bytes that are not text ---
        cases.add(bytes("NUL bytes", (VALID + "\u0000\u0000").getBytes(StandardCharsets.UTF_8), "NUL byte"));
        cases.add(bytes("invalid UTF-8 (C3 28)", withBytes(VALID, 0xC3, 0x28), "not valid UTF-8"));
        cases.add(bytes("overlong UTF-8 (C0 AF)", withBytes(VALID, 0xC0, 0xAF), "not valid UTF-8"));
        cases.add(bytes("UTF-8 encoded surrogate (ED A0 80)", withBytes(VALID, 0xED, 0xA0, 0x80), "not valid UTF-8"));
        cases.add(bytes("a lone FF byte", withBytes(VALID, 0xFF), "not valid UTF-8"));
        cases.add(bytes("UTF-16 with its byte order mark", utf16(), "UTF-16"));
        cases.add(bytes("UTF-32 big endian", VALID.getBytes(java.nio.charset.Charset.forName("UTF-32BE")), "NUL byte"));
        cases.add(text("raw control character (ESC)", "toolsets:\n  a: {enabled: true, x: \u001b[31m}\n",
                "does not allow"));
        // --- SnakeYAML tag tricks: nothing is ever constructed ---
        String tail = "toolsets:\n  a: {enabled: true}\n";
        cases.add(text("!!javax.script.ScriptEngineManager gadget", tail + "x: !!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n", "tag"));
        cases.add(text("!!java.lang.ProcessBuilder", tail + "x: !!java.lang.ProcessBuilder [[\"id\"]]\n", "tag"));
        cases.add(text("!!com.sun.rowset.JdbcRowSetImpl gadget", tail + "x: !!com.sun.rowset.JdbcRowSetImpl "
                + "{dataSourceName: \"ldap://127.0.0.1:1/x\", autoCommit: true}\n", "tag"));
        cases.add(text("!!java.io.FileOutputStream", tail + "x: !!java.io.FileOutputStream [\"/tmp/pwned\"]\n", "tag"));
        cases.add(text("canary class in a tag (sequence)", tail + "x: " + CANARY + " [\"boom\"]\n", "tag"));
        cases.add(text("canary class in a tag (mapping)", tail + "x: " + CANARY + " {}\n", "tag"));
        cases.add(text("canary class in a tag (scalar)", tail + "x: " + CANARY + " boom\n", "tag"));
        cases.add(text("canary class as the tag of the whole document", CANARY + "\n" + tail, "tag"));
        cases.add(text("tagged key", "toolsets:\n  ? " + CANARY + " k\n  : {enabled: true}\n", "tag"));
        cases.add(text("verbatim java tag", tail + "x: !<tag:yaml.org,2002:java.lang.Runtime> {}\n", "tag"));
        cases.add(text("%TAG directive mapping to java classes", "%TAG !j! tag:yaml.org,2002:java.lang.\n---\n"
                + tail + "x: !j!ProcessBuilder [[\"id\"]]\n", "tag"));
        cases.add(text("%TAG ! as the java prefix", "%TAG ! tag:yaml.org,2002:org.toolsetconfig.adapters.filesystem.\n---\n"
                + tail + "x: !HostileDocumentsTest$Canary boom\n", "tag"));
        cases.add(text("global tag", "%TAG !e! tag:example.com,2000:app/\n---\n" + tail + "x: !e!foo bar\n", "tag"));
        cases.add(text("local tag", tail + "x: !local bar\n", "tag"));
        cases.add(text("!!python/object/apply", tail + "x: !!python/object/apply:os.system [\"id\"]\n", "tag"));
        cases.add(text("!!python/name", tail + "x: !!python/name:os.system ''\n", "tag"));
        cases.add(text("!ruby/object", tail + "x: !ruby/object:Gem::Installer {i: x}\n", "tag"));
        cases.add(text("!!binary", tail + "x: !!binary aGVsbG8=\n", "tag"));
        cases.add(text("!!set", tail + "x: !!set {a, b}\n", "tag"));
        cases.add(text("!!omap", tail + "x: !!omap [a: 1]\n", "tag"));
        cases.add(text("!!pairs", tail + "x: !!pairs [a: 1, a: 2]\n", "tag"));
        cases.add(text("!!seq on a mapping", tail + "x: !!seq {a: 1}\n", "tag"));
        // --- structure ---
        cases.add(text("a second document", tail + "---\n" + tail, "single document"));
        cases.add(text("duplicate top-level key", tail + "toolsets:\n  b: {enabled: true}\n", "duplicate key"));
        cases.add(text("a toolset name with a right-to-left override", "toolsets:\n  \"a\u202Eb\": {enabled: true}\n",
                "invalid"));
        cases.add(text("a toolset name with ../", "toolsets:\n  \"../../etc/passwd\": {enabled: true}\n", "invalid"));
        cases.add(text("only comments", "# nothing here\n", "mapping"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void isRefusedWithAClearProblemAndTheActiveConfigStays(String name, byte[] bytes, String expected) throws IOException {
        ConfigSnapshot before = core.queries().activeSnapshot();
        Files.write(file, bytes);

        long start = System.nanoTime();
        ReloadOutcome outcome = core.reloads().reload(ReloadTrigger.MANUAL);
        long took = System.nanoTime() - start;

        synchronized (TIMINGS) {
            TIMINGS.add(String.format(Locale.ROOT, "%s=%.1fms", name.replaceAll("[^A-Za-z0-9]+", "_"), took / 1e6));
        }
        String said;
        if (outcome instanceof ReloadOutcome.ValidationFailed failed) {
            assertTrue(failed.problems().stream().anyMatch(ValidationProblem::isError), failed::toString);
            said = failed.problems().toString();
        } else if (outcome instanceof ReloadOutcome.Error error) {
            said = error.message();
        } else {
            throw new AssertionError(name + " was not refused: " + outcome);
        }
        assertTrue(said.contains(expected), () -> name + ": expected a problem saying '" + expected + "', got " + said);
        assertFalse(said.contains("could not be decoded"), () -> name + " reached the decoder's catch-all: " + said);
        assertSame(before, core.queries().activeSnapshot(), "the active snapshot stays");
        assertFalse(Canary.CONSTRUCTED.get(), "a tag made SnakeYAML construct an object");

        // The service is still fine: the valid file is unchanged, so re-checking it is config_unchanged.
        Files.writeString(file, VALID);
        assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, core.reloads().reload(ReloadTrigger.MANUAL));
    }

    @Test
    void theDryRunValidatorRefusesTheSameDocumentsWithoutApplyingAnything() {
        YamlConfigDecoder decoder = new YamlConfigDecoder(MAX_BYTES);
        hostileDocuments().forEach(arguments -> {
            byte[] bytes = (byte[]) arguments.get()[1];
            DecodeResult result = decoder.decode(bytes);
            assertTrue(result.problems().stream().anyMatch(ValidationProblem::isError), () -> arguments.get()[0]
                    + " decoded without an error");
            assertFalse(core.validation().validate(bytes).valid());
        });
        assertEquals(1, core.queries().activeSnapshot().generation());
    }

    /**
     * Issue 19 item 2: a 55 KB document with a 40 000-character key above 245 000 aliased values
     * used to cost one path string per value (about 10 GB) in the decoder. Through the real core it
     * is now applied allocating a bounded multiple of its size.
     */
    @Test
    void aLongKeyAboveManyAliasedValuesIsAppliedInMemoryProportionalToTheInput() throws IOException {
        String yaml = "l: &l [" + "1, ".repeat(4_999) + "1]\n"
                + "toolsets:\n  kubernetes/core:\n    enabled: true\n"
                + "    ? " + "k".repeat(40_000) + "\n    : [" + "*l, ".repeat(48) + "*l]\n";
        Files.writeString(file, yaml);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ReloadOutcome outcome = core.reloads().reload(ReloadTrigger.MANUAL);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        try {
            assertInstanceOf(ReloadOutcome.ConfigChanged.class, outcome, outcome::toString);
            System.out.printf(Locale.ROOT, "[reliability] hostile.decoder_memory bytes=%d allocated_mib=%d%n",
                    yaml.length(), allocated / 1_048_576);
            assertTrue(allocated < 2_000L * yaml.length(), () -> "allocated " + allocated + " bytes");
        } finally {
            Files.writeString(file, VALID);
            core.reloads().reload(ReloadTrigger.MANUAL);
        }
    }

    /** The largest valid document the default limit allows (a 1 MiB list of toolsets) is accepted, and quickly. */
    @Test
    void aOneMebibyteValidDocumentIsAppliedWithinTheBound() throws IOException {
        StringBuilder yaml = new StringBuilder("discovered:\n");
        int count = 0;
        while (yaml.length() < MAX_BYTES - 64) {
            yaml.append("  - {name: toolset-").append(count++).append(", enabled: true, priority: ").append(count % 7)
                    .append("}\n");
        }
        Files.writeString(file, yaml);
        long start = System.nanoTime();
        ReloadOutcome outcome = core.reloads().reload(ReloadTrigger.MANUAL);
        long took = System.nanoTime() - start;
        try {
            assertInstanceOf(ReloadOutcome.ConfigChanged.class, outcome);
            assertEquals(count, core.queries().activeSnapshot().toolsets().size());
            System.out.printf(Locale.ROOT, "[reliability] hostile.largest_valid bytes=%d toolsets=%d reload_ms=%.1f%n",
                    yaml.length(), count, took / 1e6);
        } finally {
            Files.writeString(file, VALID);
            core.reloads().reload(ReloadTrigger.MANUAL);
        }
    }

    private static Arguments text(String name, String yaml, String expected) {
        return bytes(name, yaml.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static Arguments bytes(String name, byte[] bytes, String expected) {
        return Arguments.of(name, bytes, expected);
    }

    private static byte[] withBytes(String text, int... raw) {
        byte[] head = (text + "x: ").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + raw.length + 1];
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = 0; i < raw.length; i++) {
            all[head.length + i] = (byte) raw[i];
        }
        all[all.length - 1] = '\n';
        return all;
    }

    private static byte[] utf16() {
        byte[] body = VALID.getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[body.length + 2];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(body, 0, all, 2, body.length);
        return all;
    }

    private static byte[] tenMiB() {
        byte[] all = new byte[10 * 1024 * 1024];
        byte[] line = "  - {name: a, enabled: true}\n".getBytes(StandardCharsets.UTF_8);
        byte[] head = "discovered:\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, all, 0, head.length);
        for (int at = head.length; at + line.length <= all.length; at += line.length) {
            System.arraycopy(line, 0, all, at, line.length);
        }
        for (int i = all.length - (all.length - head.length) % line.length; i < all.length; i++) {
            all[i] = ' ';
        }
        return all;
    }

    private static String nestedBlock(int depth) {
        StringBuilder yaml = new StringBuilder("toolsets:\n");
        for (int i = 1; i <= depth; i++) {
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return yaml.append("  ".repeat(depth + 1)).append("v\n").toString();
    }

    private static String mergeBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 {x: 1, y: 2, z: 3}\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append('a').append(i).append(": &a").append(i).append(" {<<: [*a").append(i - 1).append("], k")
                    .append(i).append(": [*a").append(i - 1).append(", *a").append(i - 1).append("]}\n");
        }
        return yaml.append("toolsets: {t: {enabled: true, s: *a40}}\n").toString();
    }
}
