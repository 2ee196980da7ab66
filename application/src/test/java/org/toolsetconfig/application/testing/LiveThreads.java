package org.toolsetconfig.application.testing;

import java.util.List;

/** The live threads a test can check for leaks: a component that forgets to stop leaves one behind. */
public final class LiveThreads {

    private LiveThreads() {
    }

    /** The names of the live threads whose name starts with one of {@code prefixes}, sorted. */
    public static List<String> named(String... prefixes) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> List.of(prefixes).stream().anyMatch(name::startsWith)).sorted().toList();
    }
}
