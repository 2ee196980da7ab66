package org.toolsetconfig.adapters.filesystem;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** This package's name for the shared bounded wait ({@link org.toolsetconfig.application.testing.Await}). */
final class Await {

    private Await() {
    }

    static void until(Duration bound, BooleanSupplier condition, Supplier<String> whatWasExpected) {
        org.toolsetconfig.application.testing.Await.until(bound, condition, whatWasExpected);
    }
}
