package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.testing.RecordingEventListener;
import org.toolsetconfig.domain.ReloadOutcome;

/** Subscribers join a built core and see every event from then on, after the builder's listeners. */
class EventSubscriptionTest {

    @Test
    void aSubscriberOfTheBuiltCoreSeesTheStartupEventsAfterTheBuildersListeners() {
        CoreFixture fixture = new CoreFixture(CoreFixture.KUBE_AND_PROM);
        List<String> order = new ArrayList<>();
        RecordingEventListener late = new RecordingEventListener();
        fixture.core.events().subscribe(event -> order.add("late " + fixture.events.all().size()));
        fixture.core.events().subscribe(late);

        assertInstanceOf(ReloadOutcome.ConfigChanged.class, fixture.core.reloads().startup());

        assertFalse(late.all().isEmpty());
        assertEquals(fixture.events.all(), late.all());
        assertEquals(1, late.of(ToolsetEvent.ConfigApplied.class).size());
        // Each event reached the builder's listener before the subscriber: the count it saw is one ahead.
        for (int i = 0; i < order.size(); i++) {
            assertEquals("late " + (i + 1), order.get(i));
        }
    }

    @Test
    void aSubscriberThatThrowsStopsNeitherTheOthersNorTheUseCase() {
        CoreFixture fixture = new CoreFixture(CoreFixture.KUBE_AND_PROM);
        RecordingEventListener after = new RecordingEventListener();
        fixture.core.events().subscribe(event -> {
            throw new IllegalStateException("subscriber bug");
        });
        fixture.core.events().subscribe(after);
        Logger publisherLog = (Logger) LoggerFactory.getLogger(EventPublisher.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level levelBefore = publisherLog.getLevel();
        publisherLog.setLevel(Level.ERROR);
        publisherLog.setAdditive(false);
        publisherLog.addAppender(appender);
        try {
            assertInstanceOf(ReloadOutcome.ConfigChanged.class, fixture.core.reloads().startup());
        } finally {
            publisherLog.detachAppender(appender);
            publisherLog.setLevel(levelBefore);
            publisherLog.setAdditive(true);
        }

        assertEquals(fixture.events.all(), after.all());
        assertEquals(after.all().size(), appender.list.size());
        assertEquals("event_listener_failed", appender.list.get(0).getMessage());
    }
}
