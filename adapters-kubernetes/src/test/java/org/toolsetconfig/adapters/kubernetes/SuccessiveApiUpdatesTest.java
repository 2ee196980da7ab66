package org.toolsetconfig.adapters.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;
import static org.toolsetconfig.adapters.kubernetes.MockApi.config;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;

/**
 * Many updates through the API, one after another, each applied through the watch before the next:
 * every one arrives and becomes one generation. How long each takes is measured by the benchmarks
 * ({@code ApiUpdateToApplied}, docs/benchmarks.md), never here: a shared build machine makes
 * wall-clock figures noise and wall-clock bounds flaky.
 */
class SuccessiveApiUpdatesTest {

    private static final int UPDATES = 50;

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

        for (int version = 1; version <= UPDATES; version++) {
            api.put(config(version));
            awaitApplied(MockApi.checksum(config(version)));
        }

        assertEquals(UPDATES + 1, api.core.queries().activeSnapshot().generation());
    }

    /** The next snapshot applied is {@code expected}: none skipped, none out of order. */
    private void awaitApplied(Checksum expected) throws InterruptedException {
        Checksum next = api.applied.poll(MockApi.BOUND.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            fail("not applied within " + MockApi.BOUND.toMillis() + " ms: " + expected);
        }
        assertEquals(expected, next);
    }
}
