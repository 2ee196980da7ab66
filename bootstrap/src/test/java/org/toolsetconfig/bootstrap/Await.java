package org.toolsetconfig.bootstrap;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** This package's name for the shared bounded wait ({@link org.toolsetconfig.application.testing.Await}). */
final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds, failing after {@code bound}. */
    static void until(Duration bound, BooleanSupplier condition) {
        org.toolsetconfig.application.testing.Await.until(bound, condition);
    }

    /** Checks that {@code condition} keeps holding for {@code period} (a negative check needs a window). */
    static void holds(Duration period, BooleanSupplier condition) {
        org.toolsetconfig.application.testing.Await.holds(period, condition);
    }
}
