package org.toolsetconfig.application.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits on a condition, shared by every module's tests: poll until it holds or fail at the
 * deadline; never a bare sleep, and never a grade of how fast it held.
 */
public final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds, failing after {@code bound}. */
    public static void until(Duration bound, BooleanSupplier condition) {
        until(bound, condition, () -> "condition");
    }

    /** Waits until {@code condition} holds, failing after {@code bound} with {@code whatWasExpected}. */
    public static void until(Duration bound, BooleanSupplier condition, Supplier<String> whatWasExpected) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not true within " + bound.toMillis() + " ms: " + whatWasExpected.get());
            }
            pause(whatWasExpected);
        }
    }

    /** Checks that {@code condition} keeps holding for {@code period}: a negative check needs a window. */
    public static void holds(Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (end - System.nanoTime() > 0) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("condition stopped holding within " + period.toMillis() + " ms");
            }
            pause(() -> "a condition to keep holding");
        }
    }

    private static void pause(Supplier<String> waitingFor) {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for: " + waitingFor.get(), e);
        }
    }
}
