package org.toolsetconfig.adapters.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;
import static org.toolsetconfig.adapters.kubernetes.MockApi.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;

/**
 * 200 updates through the API, one after another, each applied through the watch before the next:
 * every one arrives, and the time from sending the update (create-or-replace: POST, 409, PUT) to
 * the snapshot going live is printed (loopback, the service's own share of DESIGN §10's "about a
 * second"). Only reported, never asserted: a shared build machine makes wall-clock bounds flaky.
 */
class ApiUpdateLatencyTest {

    private static final int UPDATES = 200;

    private final MockApi api = new MockApi();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void everyUpdateThroughTheApiIsAppliedThroughTheWatch() throws InterruptedException {
        api.put(config(0));
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, api.core().reloads().startup());
        api.watch();
        api.applied.clear();
        List<Long> latencies = new ArrayList<>(UPDATES);

        for (int version = 1; version <= UPDATES; version++) {
            Checksum expected = MockApi.checksum(config(version));
            long start = System.nanoTime();
            api.put(config(version));
            awaitApplied(expected);
            latencies.add(System.nanoTime() - start);
        }

        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "[kubernetes] API update -> new snapshot active (mock API server on loopback,"
                        + " watch, %d updates): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", UPDATES,
                latencies.get(UPDATES / 2 - 1) / 1e6, latencies.get(UPDATES * 99 / 100 - 1) / 1e6,
                latencies.get(UPDATES - 1) / 1e6);
        assertEquals(UPDATES + 1, api.core.queries().activeSnapshot().generation());
    }

    private void awaitApplied(Checksum expected) throws InterruptedException {
        while (true) {
            Checksum next = api.applied.poll(MockApi.BOUND.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                fail("not applied within " + MockApi.BOUND.toMillis() + " ms: " + expected);
            }
            if (next.equals(expected)) {
                return;
            }
        }
    }
}
