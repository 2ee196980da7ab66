package org.toolsetconfig.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
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
import org.toolsetconfig.domain.ToolsetName;

/**
 * The parts every recorded outcome pays for, alone, to explain the hot-path figure: reading the
 * injected system clock (the core reads it once per failure and once per success; Resilience4j
 * never does, its caller passes the duration), looking a {@link ToolsetName} up among 50, and an
 * uncontended monitor. Not a target; the floor under one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Threads(1)
public class FloorBenchmark {

    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<ToolsetName, Object> map = new ConcurrentHashMap<>();
    private ToolsetName[] names;
    private int next;
    private final Object monitor = new Object();
    private long counter;

    /** 50 tracked names. */
    @Setup(Level.Trial)
    public void setUp() {
        names = new ToolsetName[50];
        for (int i = 0; i < names.length; i++) {
            names[i] = ToolsetName.of(Documents.name(i));
            map.put(names[i], new Object());
        }
    }

    /** One {@code Clock.systemUTC().instant()}. */
    @Benchmark
    public Instant clockInstant() {
        return clock.instant();
    }

    /** One {@code ConcurrentHashMap.get} of a {@link ToolsetName} among 50. */
    @Benchmark
    public Object lookupAmong50() {
        ToolsetName name = names[next];
        next = (next + 7) % names.length;
        return map.get(name);
    }

    /** One uncontended {@code synchronized} block around a field update. */
    @Benchmark
    public long uncontendedMonitor() {
        synchronized (monitor) {
            return ++counter;
        }
    }
}
