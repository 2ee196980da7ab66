package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigSnapshotTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static ConfigSnapshot snapshot(long generation, Toolset... toolsets) {
        return new ConfigSnapshot(generation, List.of(toolsets), Checksum.sha256(new byte[] {(byte) generation}),
                RevisionStamp.NONE, AT);
    }

    @Test
    void changedToolsetsAreTheAddedRemovedAndModifiedOnes() {
        Toolset kube = Toolset.named("kubernetes/core");
        Toolset prom = Toolset.named("prometheus/metrics");
        Toolset loki = Toolset.named("grafana/loki");
        ConfigSnapshot before = snapshot(1, kube, prom);
        ConfigSnapshot after = snapshot(2, kube, loki, prom.with(ToolsetOverride.enabled(true)));

        assertEquals(Set.of(loki.name()), ConfigSnapshot.changedToolsets(before, after));
        ConfigSnapshot reprioritised = snapshot(3, kube, new Toolset(prom.name(), true, 7, prom.endpoint(),
                prom.settings()));
        assertEquals(Set.of(prom.name(), loki.name()), ConfigSnapshot.changedToolsets(after, reprioritised));
    }

    @Test
    void aSnapshotOfTheDefinedToolsetsKeepsTheDisabledOnesApartFromTheActive() {
        Toolset kube = Toolset.named("kubernetes/core");
        Toolset loki = Toolset.named("grafana/loki").with(ToolsetOverride.enabled(false));
        Toolset prom = new Toolset(ToolsetName.of("prometheus/metrics"), true, 9, java.util.Optional.empty(),
                java.util.Map.of());

        ConfigSnapshot snapshot = ConfigSnapshot.of(1, List.of(kube, loki, prom), Checksum.NONE, RevisionStamp.NONE, AT);

        assertEquals(List.of(prom, kube), snapshot.toolsets(), "active: enabled only, in the engine's order");
        assertEquals(List.of(loki), snapshot.disabledToolsets());
        assertEquals(java.util.Optional.empty(), snapshot.toolset(loki.name()));
        assertEquals(java.util.Optional.of(loki), snapshot.definedToolset(loki.name()));
        assertEquals(java.util.Optional.of(kube), snapshot.definedToolset(kube.name()));
        assertEquals(List.of(prom, kube, loki), snapshot.definedToolsets());
    }

    @Test
    void aSnapshotRefusesAToolsetInTheWrongListOrTwice() {
        Toolset kube = Toolset.named("kubernetes/core");
        Toolset off = kube.with(ToolsetOverride.enabled(false));
        InvalidValueException misplaced = org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                () -> new ConfigSnapshot(1, List.of(off), Checksum.NONE, RevisionStamp.NONE, AT, List.of()));
        assertTrue(misplaced.getMessage().contains("'kubernetes/core' is disabled"), misplaced.getMessage());
        InvalidValueException twice = org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                () -> new ConfigSnapshot(1, List.of(kube), Checksum.NONE, RevisionStamp.NONE, AT, List.of(off)));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    @Test
    void healthIsDerivedFromEnabledAndTheConsecutiveCountAgainstTheThreshold() {
        assertEquals(List.of(ToolsetHealth.HEALTHY, ToolsetHealth.DEGRADED, ToolsetHealth.DEGRADED,
                        ToolsetHealth.FAILING, ToolsetHealth.FAILING, ToolsetHealth.DISABLED, ToolsetHealth.DISABLED),
                List.of(ToolsetHealth.of(true, 0, 3), ToolsetHealth.of(true, 1, 3), ToolsetHealth.of(true, 2, 3),
                        ToolsetHealth.of(true, 3, 3), ToolsetHealth.of(true, 9, 3), ToolsetHealth.of(false, 0, 3),
                        ToolsetHealth.of(false, 5, 3)));
        assertEquals(ToolsetHealth.FAILING, ToolsetHealth.of(true, 1, 1));
        assertEquals("degraded", ToolsetHealth.DEGRADED.wireName());
    }

    @Test
    void noneIsNotLoadedAndHasNoChecksum() {
        ConfigSnapshot none = ConfigSnapshot.none(AT);
        assertFalse(none.isLoaded());
        assertFalse(none.checksum().isPresent());
        assertTrue(snapshot(1).isLoaded());
    }

    @Test
    void checksumIsTheSha256OfTheExactBytes() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                Checksum.sha256("hello".getBytes(StandardCharsets.UTF_8)).hex());
    }
}
