package org.toolsetconfig.application.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The flood guard forgets only windows whose next line would be written anyway, and only when it holds many. */
class FloodGuardTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void pruningAtItsSizeDropsExpiredWindowsAndKeepsOpenOnes() {
        FloodGuard guard = new FloodGuard();
        for (int i = 0; i < FloodGuard.PRUNE_AT - 1; i++) {
            assertEquals(0, guard.admit("old-" + i, T0));
        }
        assertEquals(FloodGuard.SUPPRESS, guard.admit("old-0", T0));
        Instant recent = T0.plus(FloodGuard.WINDOW).minusSeconds(1);
        assertEquals(0, guard.admit("recent", recent));
        assertEquals(FloodGuard.SUPPRESS, guard.admit("recent", recent));

        // The guard now holds PRUNE_AT windows: a new subject makes it drop the expired ones.
        Instant later = T0.plus(FloodGuard.WINDOW);
        assertEquals(0, guard.admit("new", later));

        assertEquals(0, guard.admit("old-0", later), "an expired window was dropped with its count");
        assertEquals(FloodGuard.SUPPRESS, guard.admit("recent", later), "an open window was kept");
        assertEquals(2, guard.admit("recent", recent.plus(FloodGuard.WINDOW)));
    }

    @Test
    void belowItsSizeTheGuardForgetsNothing() {
        FloodGuard guard = new FloodGuard();
        assertEquals(0, guard.admit("a", T0));
        assertEquals(FloodGuard.SUPPRESS, guard.admit("a", T0.plusSeconds(1)));
        assertEquals(0, guard.admit("b", T0.plus(FloodGuard.WINDOW)));

        assertEquals(1, guard.admit("a", T0.plus(FloodGuard.WINDOW).plus(Duration.ofMillis(1))));
    }
}
