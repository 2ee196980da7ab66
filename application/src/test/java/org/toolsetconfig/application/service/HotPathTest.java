package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.RecordingEventListener;
import org.toolsetconfig.domain.ToolsetName;

/** What the path every investigation reports through does, and what it leaves out (issue #20, item 2). */
class HotPathTest {

    private static final ToolsetName KUBERNETES = ToolsetName.of("kubernetes");

    /** A clock that stands still and counts how often it is read. */
    private static final class CountingClock extends Clock {
        private final Instant now = Instant.parse("2026-01-02T00:00:00Z");
        private final AtomicInteger reads = new AtomicInteger();

        @Override
        public Instant instant() {
            reads.incrementAndGet();
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final CountingClock clock = new CountingClock();
    private final ToolsetConfigCore core = ToolsetConfigCore.builder()
            .configSource(new InMemoryConfigSource(CoreFixture.KUBE_AND_PROM)).configDecoder(new LineDecoder())
            .clock(clock).structuredLogging(false).build();

    @Test
    void withNobodyListeningASuccessReadsNoClockAndAFailureReadsItOnce() {
        core.reloads().startup();

        int before = clock.reads.get();
        core.outcomes().recordFailure(RecordFailureCommand.of(KUBERNETES));
        assertEquals(before + 1, clock.reads.get(), "a failure's instant is part of its record");
        core.outcomes().recordSuccess(KUBERNETES);
        assertEquals(before + 1, clock.reads.get(), "a success needs no instant when no event is built");
        assertEquals(0, core.queries().toolset(KUBERNETES).failures().orElseThrow().consecutiveFailures());
    }

    @Test
    void aListenerSubscribedLaterGetsTheSuccessEventWithItsInstant() {
        core.reloads().startup();
        RecordingEventListener events = new RecordingEventListener();
        core.events().subscribe(events);

        core.outcomes().recordFailure(RecordFailureCommand.of(KUBERNETES));
        core.outcomes().recordSuccess(KUBERNETES);

        ToolsetEvent.SuccessRecorded success = events.of(ToolsetEvent.SuccessRecorded.class).get(0);
        assertEquals(1, success.previousConsecutiveFailures());
        assertEquals(clock.now, success.at());
        assertEquals(1, events.of(ToolsetEvent.FailureRecorded.class).size());
    }

    @Test
    void manyThreadsFailingOneToolsetPastTheThresholdForceExactlyOneRecheckWithinTheCooldown() throws Exception {
        core.reloads().startup();
        RecordingEventListener events = new RecordingEventListener();
        core.events().subscribe(events);
        int threads = 8;
        int failuresEach = 2_000;
        AtomicInteger attempted = new AtomicInteger();
        AtomicInteger blocked = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < failuresEach; i++) {
                        RecordFailureResult.Recorded recorded = assertInstanceOf(RecordFailureResult.Recorded.class,
                                core.outcomes().recordFailure(RecordFailureCommand.of(KUBERNETES)));
                        if (recorded.reload() instanceof ReloadAttempt.Attempted) {
                            attempted.incrementAndGet();
                        } else if (recorded.reload() instanceof ReloadAttempt.BlockedByCooldown) {
                            blocked.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }

        // The clock stands still, so the cooldown that the one re-check started never passes.
        assertEquals(1, attempted.get());
        assertEquals(1, events.of(ToolsetEvent.AutoReloadCompleted.class).size());
        // Every failure from the third on is past the threshold: all but the one re-check were blocked.
        assertEquals(threads * failuresEach - 2 - 1, blocked.get());
        assertEquals(threads * failuresEach,
                core.queries().toolset(KUBERNETES).failures().orElseThrow().totalFailures());
    }
}
