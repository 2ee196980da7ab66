package org.toolsetconfig.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.domain.ToolsetName;

/**
 * What structured logging costs on the hot path: the same failure-then-success as
 * {@link HotPathBenchmark} (50 toolsets, one thread), with the §7 log events off and on. On, each
 * operation writes {@code toolset_failure_recorded} (WARN) and
 * {@code toolset_success_resetting_consecutive_failures} (INFO) through logback's text layout to
 * {@code /dev/null} (see logback.xml), so the figure holds formatting and the write system call,
 * not a terminal.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class HotPathLoggingBenchmark {

    private static final int TRACKED = 50;

    private RecordToolsetOutcomeUseCase quiet;
    private RecordToolsetOutcomeUseCase logging;
    private ToolsetName[] names;
    private int next;

    /** Two cores, identical but for structured logging. */
    @Setup(Level.Trial)
    public void setUp() {
        quiet = Cores.forHotPath(TRACKED, false).outcomes();
        logging = Cores.forHotPath(TRACKED, true).outcomes();
        names = Cores.trackAll(quiet, TRACKED);
        Cores.trackAll(logging, TRACKED);
    }

    /** Structured logging off (the hot-path benchmark's setting). */
    @Benchmark
    public void loggingOff(Blackhole bh) {
        operation(quiet, bh);
    }

    /** Structured logging on, as the service runs. */
    @Benchmark
    public void loggingOn(Blackhole bh) {
        operation(logging, bh);
    }

    private void operation(RecordToolsetOutcomeUseCase outcomes, Blackhole bh) {
        ToolsetName name = names[next];
        next = (next + 7) % TRACKED;
        bh.consume(outcomes.recordFailure(RecordFailureCommand.of(name)));
        bh.consume(outcomes.recordSuccess(name));
    }
}
