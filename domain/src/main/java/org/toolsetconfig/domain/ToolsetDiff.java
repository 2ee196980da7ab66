package org.toolsetconfig.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What differs between two lists of toolsets (DESIGN §12): the names added, the names removed and,
 * for each toolset in both, the paths of the fields that changed ({@code enabled}, {@code priority},
 * {@code endpoint}, {@code type}, {@code settings.<key>…}). It holds paths only, never a value, so a
 * changed secret shows where it changed and nothing of what it is. Everything is sorted, so two
 * diffs of the same lists print the same.
 */
public record ToolsetDiff(List<ToolsetName> added, List<ToolsetName> removed, List<Change> changed) {

    /** One toolset present on both sides whose {@code fields} differ; the list is never empty. */
    public record Change(ToolsetName name, List<String> fields) {
        /**
         * Checks and copies the parts.
         *
         * @param name the toolset's name
         * @param fields the paths of its fields that differ
         */
        public Change {
            Objects.requireNonNull(name, "name");
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new InvalidValueException("a changed toolset has at least one changed field");
            }
        }
    }

    /** No difference. */
    public static final ToolsetDiff NONE = new ToolsetDiff(List.of(), List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param added names only the newer side has
     * @param removed names only the older side has
     * @param changed toolsets on both sides that differ
     */
    public ToolsetDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /**
     * The difference from {@code before} to {@code after}, compared by name. Callers pass the
     * effective toolsets, so a toolset that is disabled on one side counts as added or removed.
     *
     * @param before the older toolsets
     * @param after the newer toolsets
     * @return what differs
     */
    public static ToolsetDiff between(List<Toolset> before, List<Toolset> after) {
        Map<ToolsetName, Toolset> old = new HashMap<>();
        before.forEach(toolset -> old.put(toolset.name(), toolset));
        Set<ToolsetName> added = new TreeSet<>();
        Map<ToolsetName, List<String>> changed = new TreeMap<>();
        for (Toolset toolset : after) {
            Toolset previous = old.remove(toolset.name());
            if (previous == null) {
                added.add(toolset.name());
            } else if (!previous.equals(toolset)) {
                changed.put(toolset.name(), fields(previous, toolset));
            }
        }
        List<Change> changes = new ArrayList<>();
        changed.forEach((name, fields) -> changes.add(new Change(name, fields)));
        return new ToolsetDiff(List.copyOf(added), List.copyOf(new TreeSet<>(old.keySet())), changes);
    }

    /**
     * Whether the two sides hold the same toolsets.
     *
     * @return whether nothing was added, removed or changed
     */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /**
     * Every name that differs in any way: added, removed or changed.
     *
     * @return the names
     */
    public Set<ToolsetName> names() {
        Set<ToolsetName> names = new TreeSet<>(added);
        names.addAll(removed);
        changed.forEach(change -> names.add(change.name()));
        return Set.copyOf(names);
    }

    private static List<String> fields(Toolset before, Toolset after) {
        List<String> fields = new ArrayList<>();
        if (before.enabled() != after.enabled()) {
            fields.add("enabled");
        }
        if (before.priority() != after.priority()) {
            fields.add("priority");
        }
        if (!before.endpoint().equals(after.endpoint())) {
            fields.add("endpoint");
        }
        if (before.type() != after.type()) {
            fields.add("type");
        }
        Set<String> settings = new TreeSet<>();
        compare("settings", before.settings(), after.settings(), settings);
        fields.addAll(settings);
        if (fields.isEmpty()) {
            // A key present with a null value on one side only: the settings differ at no leaf.
            fields.add("settings");
        }
        return fields;
    }

    /** Adds the path of every leaf that differs; a map is followed key by key, a list of the same length item by item. */
    private static void compare(String path, Object before, Object after, Set<String> into) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> left && after instanceof Map<?, ?> right) {
            Set<String> keys = new TreeSet<>();
            left.keySet().forEach(key -> keys.add(String.valueOf(key)));
            right.keySet().forEach(key -> keys.add(String.valueOf(key)));
            for (String key : keys) {
                compare(path + "." + key, left.get(key), right.get(key), into);
            }
        } else if (before instanceof List<?> left && after instanceof List<?> right && left.size() == right.size()) {
            for (int i = 0; i < left.size(); i++) {
                compare(path + "[" + i + "]", left.get(i), right.get(i), into);
            }
        } else {
            into.add(Printable.path(path));
        }
    }
}
