package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.testing.LiveThreads;

/** The listeners' one thread: made on the first task, tasks in the order given, told ones finished by stop. */
class ConfigListenerExecutorTest {

    private static final String THREAD = ServiceThreads.PREFIX + "listeners";

    @Test
    void runsTasksInOrderOnItsOwnThreadAndStopLetsThemFinish() throws InterruptedException {
        ConfigListenerExecutor executor = new ConfigListenerExecutor();
        executor.start();
        assertEquals(List.of(), LiveThreads.named(THREAD), "no thread before the first task");

        CountDownLatch hold = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        executor.execute(() -> {
            awaitQuietly(hold);
            ran.add("1 on " + Thread.currentThread().getName());
        });
        executor.execute(() -> ran.add("2 on " + Thread.currentThread().getName()));
        assertEquals(List.of(THREAD), LiveThreads.named(THREAD));
        hold.countDown();
        executor.stop();

        assertEquals(List.of("1 on " + THREAD, "2 on " + THREAD), ran, "both told tasks ran, in order");
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
        Await.until(Duration.ofSeconds(5), () -> LiveThreads.named(THREAD).isEmpty());
        assertEquals("config-listeners", executor.name());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
