package org.toolsetconfig.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The active configuration, immutable: the effective toolsets, the checksum of the exact bytes they
 * came from, the file's revision stamp, when it became active, and a generation number that grows
 * by one with every snapshot applied.
 */
public record ConfigSnapshot(long generation, List<Toolset> toolsets, Checksum checksum, RevisionStamp revision,
                             Instant loadedAt) {

    /**
     * Checks the parts and copies the toolsets.
     *
     * @param generation 0 for no configuration, then one more with every snapshot applied
     * @param toolsets the effective toolsets, in the engine's order
     * @param checksum the SHA-256 of the bytes they came from
     * @param revision the file's revision stamp when it was read
     * @param loadedAt when the snapshot became active
     */
    public ConfigSnapshot {
        if (generation < 0) {
            throw new InvalidValueException("generation must not be negative, was " + generation);
        }
        toolsets = List.copyOf(toolsets);
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(loadedAt, "loadedAt");
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
     * The names whose effective definition differs between {@code before} and {@code after}: added,
     * removed (disabled counts as removed) or changed in any field.
     *
     * @param before the snapshot that was active
     * @param after the snapshot that replaces it
     * @return the names whose definition changed
     */
    public static Set<ToolsetName> changedToolsets(ConfigSnapshot before, ConfigSnapshot after) {
        Map<ToolsetName, Toolset> old = new HashMap<>();
        before.toolsets().forEach(toolset -> old.put(toolset.name(), toolset));
        Set<ToolsetName> changed = new HashSet<>();
        for (Toolset toolset : after.toolsets()) {
            Toolset previous = old.remove(toolset.name());
            if (!toolset.equals(previous)) {
                changed.add(toolset.name());
            }
        }
        changed.addAll(old.keySet());
        return Set.copyOf(changed);
    }
}
