package org.toolsetconfig.benchmarks;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.domain.ToolsetName;

/**
 * Issue items 1 and 2: one failure then one success of a known toolset through the core's use case
 * (structured logging off), against Resilience4j's {@code CircuitBreaker.onError}/{@code onSuccess}
 * in the same run. Each operation moves to another tracked toolset (a fixed odd stride through all
 * of them), so the 10 000-toolset case pays for a working set that no longer sits in cache.
 *
 * <p>The success after each failure resets the consecutive count, and the threshold is 10, so no
 * operation ever forces a re-check of the file: this measures counting only. The circuit breakers
 * have a failure-rate threshold of 100 %, so the alternating 50 % never opens them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class HotPathBenchmark {

    /** How many distinct toolsets are tracked (and how many breakers the reference holds). */
    @Param({"50", "10000"})
    public int trackedToolsets;

    private RecordToolsetOutcomeUseCase outcomes;
    private ToolsetName[] names;
    private CircuitBreaker[] breakers;
    private final IllegalStateException failure = new IllegalStateException("toolset call failed");

    /** The core with every toolset already tracked, and one breaker per toolset. */
    @Setup(Level.Trial)
    public void setUp() {
        outcomes = Cores.forHotPath(trackedToolsets, false).outcomes();
        names = Cores.trackAll(outcomes, trackedToolsets);
        CircuitBreakerConfig config = CircuitBreakerConfig.custom().failureRateThreshold(100f).build();
        breakers = new CircuitBreaker[trackedToolsets];
        for (int i = 0; i < trackedToolsets; i++) {
            breakers[i] = CircuitBreaker.of(names[i].value(), config);
        }
    }

    /** Each thread's walk through the tracked toolsets, starting at its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;
        private int size;

        /** Starts thread {@code i} of {@code n} at {@code i/n} of the way. */
        @Setup(Level.Trial)
        public void start(HotPathBenchmark benchmark, ThreadParams thread) {
            size = benchmark.trackedToolsets;
            next = (int) ((long) size * thread.getThreadIndex() / thread.getThreadCount());
        }

        int advance() {
            int current = next;
            // 7919 is prime and larger than 50: consecutive operations hit toolsets far apart.
            next = (next + 7919) % size;
            return current;
        }
    }

    /** The core: failure, then success, of one tracked toolset. One thread. */
    @Benchmark
    @Threads(1)
    public void coreFailureThenSuccess1Thread(Cursor cursor, Blackhole bh) {
        coreOperation(cursor, bh);
    }

    /** The same with two threads. */
    @Benchmark
    @Threads(2)
    public void coreFailureThenSuccess2Threads(Cursor cursor, Blackhole bh) {
        coreOperation(cursor, bh);
    }

    /** The reference: {@code onError} then {@code onSuccess} of one toolset's circuit breaker. One thread. */
    @Benchmark
    @Threads(1)
    public void resilience4jErrorThenSuccess1Thread(Cursor cursor) {
        breakerOperation(cursor);
    }

    /** The reference with two threads. */
    @Benchmark
    @Threads(2)
    public void resilience4jErrorThenSuccess2Threads(Cursor cursor) {
        breakerOperation(cursor);
    }

    private void coreOperation(Cursor cursor, Blackhole bh) {
        ToolsetName name = names[cursor.advance()];
        bh.consume(outcomes.recordFailure(RecordFailureCommand.of(name)));
        bh.consume(outcomes.recordSuccess(name));
    }

    private void breakerOperation(Cursor cursor) {
        CircuitBreaker breaker = breakers[cursor.advance()];
        breaker.onError(1, TimeUnit.MILLISECONDS, failure);
        breaker.onSuccess(1, TimeUnit.MILLISECONDS);
    }
}
