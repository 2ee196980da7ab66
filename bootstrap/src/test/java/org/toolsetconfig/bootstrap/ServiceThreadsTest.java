package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.testing.LiveThreads;
import org.toolsetconfig.application.testing.LogCapture;

/** A stop never hangs on a task that will not finish: it waits its bound, says so, and interrupts the task. */
class ServiceThreadsTest {

    @Test
    void aTaskThatOutlivesTheStopBoundIsInterruptedWithAWarning() throws InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor(ServiceThreads.named("stuck-test"));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // only an interrupt ends it
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "the task never started");

        try (LogCapture log = LogCapture.of(ServiceThreads.class.getName())) {
            ServiceThreads.shutDown(executor, "stuck-test");

            ILoggingEvent warning = log.only("service_thread_did_not_stop");
            assertEquals(Level.WARN, warning.getLevel());
            assertEquals("toolset-config-stuck-test", LogCapture.fields(warning).get("thread"));
        }
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the task was not interrupted");
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        Await.until(java.time.Duration.ofSeconds(5), () -> LiveThreads.named("toolset-config-stuck-test").isEmpty());
    }
}
