package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits on a condition: poll until true or fail at the deadline. Never a bare sleep. */
final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds, failing after {@code bound}. */
    static void until(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + bound);
            }
            pause();
        }
    }

    /** Checks that {@code condition} keeps holding for {@code period} (a negative check needs a window). */
    static void holds(Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                fail("condition stopped holding within " + period);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
