package org.toolsetconfig.adapters.kubernetes;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A bounded wait on a condition: polls until it holds, fails at the deadline. Never a bare sleep. */
final class Await {

    private Await() {
    }

    static void until(Duration bound, BooleanSupplier condition, Supplier<String> whatWasExpected) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not true within " + bound.toMillis() + " ms: " + whatWasExpected.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + whatWasExpected.get());
            }
        }
    }
}
