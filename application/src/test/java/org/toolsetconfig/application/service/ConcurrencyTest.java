package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.ToolsetName;

class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int OPERATIONS = 50_000;
    private static final int TOOLSETS = 100;

    @Test
    void mixedFailuresAndSuccessesFromManyThreadsGiveExactTotals() throws Exception {
        CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM);
        ToolsetName[] names = new ToolsetName[TOOLSETS];
        for (int i = 0; i < TOOLSETS; i++) {
            names[i] = ToolsetName.of("toolset/" + i);
        }
        AtomicLongArray expectedFailures = new AtomicLongArray(TOOLSETS);

        runOnThreads(thread -> {
            SplittableRandom random = new SplittableRandom(thread);
            for (int op = 0; op < OPERATIONS; op++) {
                int toolset = random.nextInt(TOOLSETS);
                if (random.nextInt(4) == 0) {
                    fixture.core.outcomes().recordSuccess(names[toolset]);
                } else {
                    assertInstanceOf(RecordFailureResult.Recorded.class,
                            fixture.core.outcomes().recordFailure(RecordFailureCommand.of(names[toolset])));
                    expectedFailures.incrementAndGet(toolset);
                }
            }
        });

        List<FailureRecord> records = fixture.core.queries().failures();
        assertEquals(TOOLSETS, records.size());
        long sum = 0;
        for (int i = 0; i < TOOLSETS; i++) {
            FailureRecord record = fixture.core.queries().toolset(names[i]).failures().orElseThrow();
            assertEquals(expectedFailures.get(i), record.totalFailures(), names[i].value());
            assertTrue(record.consecutiveFailures() <= record.totalFailures());
            sum += record.totalFailures();
        }
        assertEquals(fixture.events.of(ToolsetEvent.FailureRecorded.class).size(), sum);
        // The clock stands still, so each toolset may force at most one re-check: its cooldown never passes.
        assertTrue(fixture.events.of(ToolsetEvent.AutoReloadCompleted.class).size() <= TOOLSETS);
        assertFalse(fixture.source.readsOverlapped());
    }

    @Test
    void concurrentTriggersNeverRunTwoRechecksAtOnce() throws Exception {
        CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM);

        runOnThreads(thread -> {
            for (int i = 0; i < 2_000; i++) {
                if (thread == 0 && i % 50 == 0) {
                    fixture.source.write(i % 100 == 0 ? CoreFixture.KUBE_AND_PROM : CoreFixture.KUBE_AND_PROM_DISABLED);
                }
                if (thread % 2 == 0) {
                    fixture.core.reloads().reload(ReloadTrigger.values()[i % ReloadTrigger.values().length]);
                } else {
                    SessionId id = SessionId.of("s-" + thread + "-" + (i % 7));
                    fixture.core.sessions().register(id);
                    fixture.core.sessions().unregister(id);
                }
            }
        });

        assertFalse(fixture.source.readsOverlapped());
        assertTrue(fixture.source.reads() > 2_000);
        assertTrue(fixture.core.sessions().sessions().isEmpty());
        assertTrue(fixture.core.queries().pendingReload().isEmpty());
        List<ToolsetEvent.ConfigApplied> applied = fixture.events.of(ToolsetEvent.ConfigApplied.class);
        for (int i = 0; i < applied.size(); i++) {
            assertEquals(i + 1, applied.get(i).current().generation(), "generations are applied in order");
        }
    }

    @Test
    void manyThreadsFailingOneToolsetPastTheThresholdForceExactlyOneRecheckWithinTheCooldown() throws Exception {
        CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM);
        ToolsetName kubernetes = ToolsetName.of("kubernetes");
        int failuresEach = 2_000;
        AtomicInteger attempted = new AtomicInteger();
        AtomicInteger blocked = new AtomicInteger();

        runOnThreads(thread -> {
            for (int i = 0; i < failuresEach; i++) {
                RecordFailureResult.Recorded recorded = assertInstanceOf(RecordFailureResult.Recorded.class,
                        fixture.core.outcomes().recordFailure(RecordFailureCommand.of(kubernetes)));
                if (recorded.reload() instanceof ReloadAttempt.Attempted) {
                    attempted.incrementAndGet();
                } else if (recorded.reload() instanceof ReloadAttempt.BlockedByCooldown) {
                    blocked.incrementAndGet();
                }
            }
        });

        // The clock stands still, so the cooldown that the one re-check started never passes.
        assertEquals(1, attempted.get());
        assertEquals(1, fixture.events.of(ToolsetEvent.AutoReloadCompleted.class).size());
        // Every failure from the threshold (3) on is past it: all but the one re-check were blocked.
        assertEquals(THREADS * failuresEach - 2 - 1, blocked.get());
        assertEquals(THREADS * failuresEach, fixture.core.queries().toolset(kubernetes).failures().orElseThrow()
                .totalFailures());
    }

    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    private static void runOnThreads(ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(thread);
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
    }
}
