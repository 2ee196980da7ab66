package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.InvalidValueException;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ReloadTrigger;

class SettingsAndDevModeTest {

    @Test
    void invalidThresholdsAndCooldownAreRefusedNamingTheSetting() {
        InvalidValueException zero = assertThrows(InvalidValueException.class,
                () -> new ReloadPolicy(0, Duration.ofSeconds(60)));
        InvalidValueException eleven = assertThrows(InvalidValueException.class,
                () -> new ReloadPolicy(11, Duration.ofSeconds(60)));
        InvalidValueException negative = assertThrows(InvalidValueException.class,
                () -> new ReloadPolicy(3, Duration.ofSeconds(-5)));

        assertTrue(zero.getMessage().startsWith("maxFailuresBeforeReload"), zero.getMessage());
        assertTrue(eleven.getMessage().contains("11"), eleven.getMessage());
        assertTrue(negative.getMessage().startsWith("reloadCooldown"), negative.getMessage());
        InvalidValueException noTracked = assertThrows(InvalidValueException.class, () -> new CoreSettings(
                new ReloadPolicy(3, Duration.ZERO), Duration.ofSeconds(1), Duration.ZERO, 0, 1, false));
        assertTrue(noTracked.getMessage().startsWith("maxTracked"), noTracked.getMessage());
        assertThrows(InvalidValueException.class, () -> new CoreSettings(new ReloadPolicy(3, Duration.ZERO),
                Duration.ZERO, Duration.ZERO, 1, 1, false));
    }

    @Test
    void withoutDevModeAnInvalidFileAtStartupIsNotReady() {
        CoreFixture fixture = new CoreFixture("! broken\n");

        assertInstanceOf(ReloadOutcome.ValidationFailed.class, fixture.core.reloads().startup());

        assertFalse(fixture.core.queries().status().ready());
        assertTrue(fixture.events.of(ToolsetEvent.DevModeStartup.class).isEmpty());
    }

    @Test
    void devModeStartsReadyWithNoToolsetsButStillNeverAppliesAnInvalidReload() {
        CoreFixture fixture = new CoreFixture("! broken\n", CoreSettings.defaults().withDevMode(true),
                java.util.List.of());

        fixture.core.reloads().startup();

        assertTrue(fixture.core.queries().status().ready());
        assertEquals(0, fixture.core.queries().activeSnapshot().generation());
        assertEquals(1, fixture.events.of(ToolsetEvent.DevModeStartup.class).size());
        fixture.source.write("kubernetes disabled\n");
        assertInstanceOf(ReloadOutcome.ValidationFailed.class, fixture.core.reloads().reload(ReloadTrigger.WATCH));
        assertTrue(fixture.activeNames().isEmpty());
        fixture.source.write("kubernetes\n");
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, fixture.core.reloads().reload(ReloadTrigger.WATCH));
        fixture.assertActive("kubernetes");
    }

    @Test
    void statusReportsTheLastReloadAndItsTrigger() {
        CoreFixture fixture = CoreFixture.started("kubernetes\n");
        fixture.source.makeUnavailable(ReloadOutcome.ErrorKind.TOO_LARGE);

        fixture.core.reloads().reload(ReloadTrigger.POLL);

        var status = fixture.core.queries().status();
        assertEquals(ReloadTrigger.POLL, status.lastReload().orElseThrow().trigger());
        assertEquals("error", status.lastReload().orElseThrow().outcome().wireName());
        assertTrue(status.lastSuccessfulReloadAt().isPresent());
        assertTrue(status.ready());
    }
}
