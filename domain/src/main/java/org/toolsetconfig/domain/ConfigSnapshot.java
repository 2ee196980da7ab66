package org.toolsetconfig.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The active configuration, immutable: the effective (enabled) toolsets, the checksum of the exact
 * bytes they came from, the file's revision stamp, when it became active, a generation number that
 * grows by one with every snapshot applied, and the toolsets the file defines but does not enable —
 * kept so that they can be shown, never counted as active.
 */
public record ConfigSnapshot(long generation, List<Toolset> toolsets, Checksum checksum, RevisionStamp revision,
                             Instant loadedAt, List<Toolset> disabledToolsets) {

    /**
     * Checks the parts and copies the lists; a toolset is enabled in {@code toolsets}, disabled in
     * {@code disabledToolsets}, and in one of them only.
     */
    public ConfigSnapshot {
        if (generation < 0) {
            throw new InvalidValueException("generation must not be negative, was " + generation);
        }
        toolsets = List.copyOf(toolsets);
        disabledToolsets = List.copyOf(disabledToolsets);
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(loadedAt, "loadedAt");
        Set<ToolsetName> names = new HashSet<>();
        for (Toolset toolset : toolsets) {
            requireOnce(names, toolset, true);
        }
        for (Toolset toolset : disabledToolsets) {
            requireOnce(names, toolset, false);
        }
    }

    /** A snapshot of enabled toolsets only. */
    public ConfigSnapshot(long generation, List<Toolset> toolsets, Checksum checksum, RevisionStamp revision,
                          Instant loadedAt) {
        this(generation, toolsets, checksum, revision, loadedAt, List.of());
    }

    /**
     * The snapshot of every toolset a document defines: the enabled ones become the effective
     * toolsets, the others are kept as disabled; each list in {@link ToolsetDocument#EFFECTIVE_ORDER}.
     */
    public static ConfigSnapshot of(long generation, List<Toolset> defined, Checksum checksum, RevisionStamp revision,
                                    Instant loadedAt) {
        List<Toolset> sorted = defined.stream().sorted(ToolsetDocument.EFFECTIVE_ORDER).toList();
        return new ConfigSnapshot(generation, sorted.stream().filter(Toolset::enabled).toList(), checksum, revision,
                loadedAt, sorted.stream().filter(toolset -> !toolset.enabled()).toList());
    }

    private static void requireOnce(Set<ToolsetName> names, Toolset toolset, boolean enabled) {
        if (toolset.enabled() != enabled) {
            throw new InvalidValueException("toolset '" + toolset.name() + "' is " + (enabled ? "disabled" : "enabled")
                    + " but listed among the " + (enabled ? "effective" : "disabled") + " toolsets");
        }
        if (!names.add(toolset.name())) {
            throw new InvalidValueException("toolset '" + toolset.name() + "' is in the snapshot twice");
        }
    }

    /** Generation 0: nothing loaded yet (dev mode with a missing or invalid file). */
    public static ConfigSnapshot none(Instant at) {
        return new ConfigSnapshot(0, List.of(), Checksum.NONE, RevisionStamp.NONE, at);
    }

    /** Whether a configuration file has been applied (generation 1 and later). */
    public boolean isLoaded() {
        return generation > 0;
    }

    /** The active toolset called {@code name}, if the configuration enables one. */
    public Optional<Toolset> toolset(ToolsetName name) {
        for (Toolset toolset : toolsets) {
            if (toolset.name().equals(name)) {
                return Optional.of(toolset);
            }
        }
        return Optional.empty();
    }

    /** The toolset called {@code name} as the configuration defines it, enabled or not. */
    public Optional<Toolset> definedToolset(ToolsetName name) {
        return toolset(name).or(() -> disabledToolsets.stream().filter(t -> t.name().equals(name)).findFirst());
    }

    /** Every defined toolset: the effective ones in the engine's order, then the disabled ones. */
    public List<Toolset> definedToolsets() {
        List<Toolset> all = new java.util.ArrayList<>(toolsets);
        all.addAll(disabledToolsets);
        return List.copyOf(all);
    }

    /**
     * The names whose effective definition differs between {@code before} and {@code after}: added,
     * removed (disabled counts as removed) or changed in any field.
     */
    public static Set<ToolsetName> changedToolsets(ConfigSnapshot before, ConfigSnapshot after) {
        return ToolsetDiff.between(before.toolsets(), after.toolsets()).names();
    }
}
