package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.ServiceSettings;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.ToolsetName;

/** B3: names outside the active config share a cap; toolsets the config defines are always tracked. */
class TrackingCapTest {

    private static final int CAP = 5;

    private final CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM,
            ServiceSettings.defaults().withMaxTracked(CAP));

    private RecordFailureResult failure(String name) {
        return fixture.core.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of(name)));
    }

    private void fillWithFailingJunk() {
        for (int i = 0; i < CAP; i++) {
            fixture.fail("junk/" + i);
        }
    }

    private boolean tracked(String name) {
        return fixture.core.queries().toolset(ToolsetName.of(name)).failures().isPresent();
    }

    @Test
    void junkNamesAtTheCapDoNotLockOutAToolsetOfTheActiveConfig() {
        fillWithFailingJunk();

        for (int i = 1; i <= 3; i++) {
            assertEquals(i, fixture.fail("kubernetes").record().consecutiveFailures());
        }
        assertEquals(1, fixture.events.of(ToolsetEvent.FailureThresholdReached.class).size(),
                "the defined toolset still forces its re-check");
        assertEquals(1, fixture.fail("prometheus").record().totalFailures());
        assertEquals(CAP + 2, fixture.core.queries().status().trackedToolsets());
    }

    @Test
    void pastTheCapTheNameIdleLongestWithoutConsecutiveFailuresMakesRoom() {
        fillWithFailingJunk();
        fixture.advance(Duration.ofMinutes(1));
        fixture.fail("junk/3");
        fixture.core.outcomes().recordSuccess(ToolsetName.of("junk/3"));
        fixture.core.outcomes().recordSuccess(ToolsetName.of("junk/4"));
        fixture.advance(Duration.ofMinutes(1));

        assertInstanceOf(RecordFailureResult.Recorded.class, failure("newcomer"));

        // junk/4 failed last a minute before junk/3 did, and both are at 0 consecutive failures;
        // junk/0-2 are idle longer but still failing, so they are kept.
        assertTrue(tracked("newcomer"));
        assertTrue(tracked("junk/3"));
        assertTrue(!tracked("junk/4"), "the name idle longest with zero consecutive failures is evicted");
        for (int i = 0; i < 3; i++) {
            assertTrue(tracked("junk/" + i), "a name with consecutive failures is never evicted");
        }
        assertTrue(fixture.events.of(ToolsetEvent.FailureNotTracked.class).isEmpty());
    }

    @Test
    void whenNoNameCanBeEvictedTheNewOneIsRefusedAndEachRefusalIsAnEvent() {
        fillWithFailingJunk();

        RecordFailureResult.Refused refused = assertInstanceOf(RecordFailureResult.Refused.class, failure("one"));
        assertInstanceOf(RecordFailureResult.Refused.class, failure("two"));

        assertTrue(refused.reason().contains("TOOLSET_MAX_TRACKED"), refused.reason());
        assertTrue(refused.reason().contains("consecutive failures"), "says why none could make room: "
                + refused.reason());
        List<ToolsetEvent.FailureNotTracked> events = fixture.events.of(ToolsetEvent.FailureNotTracked.class);
        assertEquals(List.of("one", "two"), events.stream().map(e -> e.toolset().value()).toList());
        assertEquals(CAP, events.get(0).maxTracked());
        assertEquals(2, fixture.fail("junk/0").record().totalFailures(), "tracked names keep counting");
    }

    @Test
    void aToolsetRemovedFromTheConfigStartsCountingAgainstTheCap() {
        fixture.fail("kubernetes");
        for (int i = 0; i < CAP - 1; i++) {
            fixture.fail("junk/" + i);
        }

        fixture.source.write("prometheus\n");
        fixture.core.reloads().reload(ReloadTrigger.MANUAL);

        // Its definition went away, so its consecutive count was reset (B6) and it now counts as
        // one of the other names: the idle one evicted to make room.
        assertInstanceOf(RecordFailureResult.Recorded.class, failure("newcomer"));
        assertTrue(!tracked("kubernetes"));
        assertInstanceOf(RecordFailureResult.Refused.class, failure("one-too-many"));
    }

    @Test
    void theCapIsExactAndRetainedCountersExactUnderConcurrentChurn() throws Exception {
        int threads = 8;
        int stable = 3;
        int operations = 5_000;
        // Stable names only ever fail, so they always have consecutive failures and can never be
        // evicted: every one of their failures must be counted. Churn names fail and then succeed,
        // so they are evictable and keep the eviction path busy meanwhile.
        AtomicLongArray expected = new AtomicLongArray(stable);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int op = 0; op < operations; op++) {
                    if (op % 2 == 0) {
                        int s = (thread + op) % stable;
                        assertInstanceOf(RecordFailureResult.Recorded.class, failure("stable/" + s));
                        expected.incrementAndGet(s);
                    } else {
                        String churn = "churn/" + thread + "/" + op;
                        if (failure(churn) instanceof RecordFailureResult.Recorded) {
                            fixture.core.outcomes().recordSuccess(ToolsetName.of(churn));
                        }
                    }
                    fixture.fail("kubernetes");
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (int s = 0; s < stable; s++) {
            assertEquals(expected.get(s), fixture.core.queries().toolset(ToolsetName.of("stable/" + s)).failures()
                    .orElseThrow().totalFailures());
        }
        assertEquals((long) threads * operations, fixture.core.queries().toolset(ToolsetName.of("kubernetes"))
                .failures().orElseThrow().totalFailures());
        assertEquals(CAP + 1, fixture.core.queries().status().trackedToolsets(),
                "the cap is full of undefined names, plus the defined one");
    }
}
