package org.toolsetconfig.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.toolsetconfig.adapters.filesystem.FileConfigSource;
import org.toolsetconfig.adapters.filesystem.YamlConfigDecoder;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.RevisionStamp;

/**
 * Issue item 3. A re-check of an unchanged 64 KiB file on disk through the filesystem adapter (the
 * whole reload path: stat, read, SHA-256, compare; it ends {@code config_unchanged}), and the read
 * plus hash alone; sampled, for the p99. Then a changed 1 000-toolset file: decode, validate and
 * apply, the bytes alternating between two revisions (one toolset differs) so that every call
 * ends {@code config_changed}, applied now; and the decode alone. Structured logging off.
 */
@BenchmarkMode(Mode.SampleTime)
@State(Scope.Benchmark)
@Threads(1)
public class RecheckBenchmark {

    static final int FILE_SIZE = 64 * 1024;
    static final int CHANGED_TOOLSETS = 1000;

    private Path directory;
    private FileConfigSource file64KiB;
    private ToolsetConfigCore unchanged;
    private ToolsetConfigCore changing;
    private YamlConfigDecoder decoder;
    private byte[] document1000;

    /** Writes the 64 KiB file to a temporary directory and loads it; prepares the two 1 000-toolset revisions. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("toolset-recheck-bench");
        Path file = directory.resolve("toolsets.yaml");
        Files.write(file, Documents.ofSize(FILE_SIZE));
        file64KiB = new FileConfigSource(file, Cores.MAX_BYTES);
        decoder = new YamlConfigDecoder(Cores.MAX_BYTES);
        unchanged = core(file64KiB);
        Cores.requireApplied(unchanged.reloads().startup());
        requireUnchanged(unchanged.reloads().reload(ReloadTrigger.POLL));

        byte[][] revisions = {
                Documents.toolsets(CHANGED_TOOLSETS, 1).getBytes(StandardCharsets.UTF_8),
                Documents.toolsets(CHANGED_TOOLSETS, 2).getBytes(StandardCharsets.UTF_8)};
        document1000 = revisions[0];
        changing = core(new Alternating(revisions));
        Cores.requireApplied(changing.reloads().startup());
        Cores.requireApplied(changing.reloads().reload(ReloadTrigger.WATCH));
    }

    /** Removes the temporary file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(directory.resolve("toolsets.yaml"));
        Files.deleteIfExists(directory);
    }

    /** The whole re-check of the unchanged 64 KiB file, as a poll tick or a watch event runs it. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ReloadOutcome recheckUnchanged64KiB() {
        return unchanged.reloads().reload(ReloadTrigger.POLL);
    }

    /** Only the read (with its two stats) and the SHA-256 of the 64 KiB file. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Checksum readAndHash64KiB() {
        return Checksum.sha256(((SourceRead.Content) file64KiB.read()).bytes());
    }

    /** A changed 1 000-toolset file: hash, decode, validate, apply (and the B6 counter resets). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ReloadOutcome applyChanged1000Toolsets() {
        return changing.reloads().reload(ReloadTrigger.WATCH);
    }

    /** Only the YAML decode (and the document's validation) of the 1 000-toolset file. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public DecodeResult decode1000Toolsets() {
        return decoder.decode(document1000);
    }

    private static ToolsetConfigCore core(ConfigSource source) {
        return ToolsetConfigCore.builder()
                .configSource(source)
                .configDecoder(new YamlConfigDecoder(Cores.MAX_BYTES))
                .settings(CoreSettings.defaults())
                .structuredLogging(false)
                .build();
    }

    private static void requireUnchanged(ReloadOutcome outcome) {
        if (!(outcome instanceof ReloadOutcome.ConfigUnchanged)) {
            throw new IllegalStateException("expected config_unchanged, got " + outcome);
        }
    }

    /** Gives each revision in turn: every read is a change. Only the reloader calls it, one at a time. */
    private static final class Alternating implements ConfigSource {
        private final SourceRead.Content[] reads;
        private int next;

        Alternating(byte[][] revisions) {
            reads = new SourceRead.Content[revisions.length];
            for (int i = 0; i < revisions.length; i++) {
                reads[i] = new SourceRead.Content(revisions[i], new RevisionStamp(Instant.EPOCH, revisions[i].length));
            }
        }

        @Override
        public SourceRead read() {
            SourceRead.Content read = reads[next];
            next = (next + 1) % reads.length;
            return read;
        }
    }
}
