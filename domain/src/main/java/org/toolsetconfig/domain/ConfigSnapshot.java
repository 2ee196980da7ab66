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
     *
     * @param generation 0 for no configuration, then one more with every snapshot applied
     * @param toolsets the effective toolsets, in the engine's order
     * @param checksum the SHA-256 of the bytes they came from
     * @param revision the file's revision stamp when it was read
     * @param loadedAt when the snapshot became active
     * @param disabledToolsets the toolsets defined with {@code enabled: false}, overrides applied
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

    /**
     * A snapshot of enabled toolsets only.
     *
     * @param generation 0 for no configuration, then one more with every snapshot applied
     * @param toolsets the effective toolsets, in the engine's order
     * @param checksum the SHA-256 of the bytes they came from
     * @param revision the file's revision stamp when it was read
     * @param loadedAt when the snapshot became active
     */
    public ConfigSnapshot(long generation, List<Toolset> toolsets, Checksum checksum, RevisionStamp revision,
                          Instant loadedAt) {
        this(generation, toolsets, checksum, revision, loadedAt, List.of());
    }

    /**
     * The snapshot of every toolset a document defines: the enabled ones become the effective
     * toolsets, the others are kept as disabled; each list in {@link ToolsetDocument#EFFECTIVE_ORDER}.
     *
     * @param generation the snapshot's generation
     * @param defined every defined toolset, overrides applied ({@link ToolsetDocument#definedToolsets()})
     * @param checksum the SHA-256 of the bytes they came from
     * @param revision the file's revision stamp when it was read
     * @param loadedAt when the snapshot became active
     * @return the snapshot
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

    /**
     * Generation 0: nothing loaded yet (dev mode with a missing or invalid file).
     *
     * @param at the time to report as its load time
     * @return the empty snapshot
     */
    public static ConfigSnapshot none(Instant at) {
        return new ConfigSnapshot(0, List.of(), Checksum.NONE, RevisionStamp.NONE, at);
    }

    /**
     * Whether a configuration file has been applied (generation 1 and later).
     *
     * @return whether the generation is 1 or later
     */
    public boolean isLoaded() {
        return generation > 0;
    }

    /**
     * The active toolset called {@code name}, if the configuration enables one.
     *
     * @param name the toolset's name
     * @return the toolset, or empty when this snapshot does not enable it
     */
    public Optional<Toolset> toolset(ToolsetName name) {
        for (Toolset toolset : toolsets) {
            if (toolset.name().equals(name)) {
                return Optional.of(toolset);
            }
        }
        return Optional.empty();
    }

    /**
     * The toolset called {@code name} as the configuration defines it, enabled or not.
     *
     * @param name the toolset's name
     * @return the toolset, or empty when this snapshot does not define it
     */
    public Optional<Toolset> definedToolset(ToolsetName name) {
        return toolset(name).or(() -> disabledToolsets.stream().filter(t -> t.name().equals(name)).findFirst());
    }

    /**
     * Every defined toolset: the effective ones in the engine's order, then the disabled ones.
     *
     * @return the enabled and the disabled toolsets
     */
    public List<Toolset> definedToolsets() {
        List<Toolset> all = new java.util.ArrayList<>(toolsets);
        all.addAll(disabledToolsets);
        return List.copyOf(all);
    }

    /**
     * The names whose effective definition differs between {@code before} and {@code after}: added,
     * removed (disabled counts as removed) or changed in any field.
     *
     * @param before the snapshot that was active
     * @param after the snapshot that replaces it
     * @return the names whose definition changed
     */
    public static Set<ToolsetName> changedToolsets(ConfigSnapshot before, ConfigSnapshot after) {
        return ToolsetDiff.between(before.toolsets(), after.toolsets()).names();
    }
}
