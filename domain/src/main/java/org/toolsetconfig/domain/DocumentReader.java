package org.toolsetconfig.domain;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a generic YAML tree into a {@link ToolsetDocument}, collecting every problem on the way. */
final class DocumentReader {

    private static final String DISCOVERED = "discovered";
    private static final String OVERRIDES = "overrides";
    private static final String TOOLSETS = "toolsets";
    private static final Set<String> FIELDS = Set.of("name", "enabled", "priority", "endpoint");

    private final List<ValidationProblem> problems = new ArrayList<>();

    ToolsetDocument read(Object root) {
        if (!(root instanceof Map<?, ?> top)) {
            problems.add(ValidationProblem.error("", "the document must be a mapping with '" + DISCOVERED
                    + ":' (and optional '" + OVERRIDES + ":') or '" + TOOLSETS + ":' at the top, but it is "
                    + describe(root)));
            return finish(ToolsetDocument.Form.UNRECOGNISED, List.of(), Map.of());
        }
        boolean kubernaut = top.containsKey(DISCOVERED) || top.containsKey(OVERRIDES);
        boolean holmes = top.containsKey(TOOLSETS);
        for (Object key : top.keySet()) {
            if (!Set.of(DISCOVERED, OVERRIDES, TOOLSETS).contains(String.valueOf(key))) {
                problems.add(ValidationProblem.warning(String.valueOf(key), "unknown top-level key is ignored; "
                        + "expected '" + DISCOVERED + "', '" + OVERRIDES + "' or '" + TOOLSETS + "'"));
            }
        }
        if (kubernaut && holmes) {
            problems.add(ValidationProblem.error("", "the document mixes both forms: use either '" + DISCOVERED
                    + ":' with '" + OVERRIDES + ":', or '" + TOOLSETS + ":', not both"));
            return finish(ToolsetDocument.Form.UNRECOGNISED, List.of(), Map.of());
        }
        if (holmes) {
            return finish(ToolsetDocument.Form.HOLMESGPT, readToolsetMap(top.get(TOOLSETS)), Map.of());
        }
        if (kubernaut) {
            List<Toolset> discovered = readDiscovered(top.get(DISCOVERED));
            Map<ToolsetName, ToolsetOverride> overrides = readOverrides(top.get(OVERRIDES), discovered);
            return finish(ToolsetDocument.Form.DISCOVERED, discovered, overrides);
        }
        problems.add(ValidationProblem.error("", "the document has neither '" + DISCOVERED + ":' nor '"
                + TOOLSETS + ":' at the top; add one of them with at least one enabled toolset"));
        return finish(ToolsetDocument.Form.UNRECOGNISED, List.of(), Map.of());
    }

    private ToolsetDocument finish(ToolsetDocument.Form form, List<Toolset> toolsets,
                                   Map<ToolsetName, ToolsetOverride> overrides) {
        ToolsetDocument draft = new ToolsetDocument(form, toolsets, overrides, List.of());
        if (form != ToolsetDocument.Form.UNRECOGNISED && draft.effectiveToolsets().isEmpty()) {
            problems.add(ValidationProblem.error(form == ToolsetDocument.Form.HOLMESGPT ? TOOLSETS : DISCOVERED,
                    "no toolset is enabled; enable at least one (enabled: true)"));
        }
        return new ToolsetDocument(form, toolsets, overrides, problems);
    }

    private List<Toolset> readDiscovered(Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> items)) {
            problems.add(ValidationProblem.error(DISCOVERED, "must be a list of toolsets, but it is " + describe(node)));
            return List.of();
        }
        List<Toolset> toolsets = new ArrayList<>(items.size());
        Set<ToolsetName> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = DISCOVERED + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> entry)) {
                problems.add(ValidationProblem.error(path, "must be a mapping with at least 'name:', but it is "
                        + describe(items.get(i))));
                continue;
            }
            Optional<ToolsetName> name = readName(path + ".name", entry.get("name"));
            if (name.isEmpty()) {
                continue;
            }
            if (!seen.add(name.get())) {
                problems.add(ValidationProblem.error(path + ".name", "duplicate toolset name '" + name.get()
                        + "'; each toolset may appear only once"));
                continue;
            }
            readToolset(path, name.get(), entry).ifPresent(toolsets::add);
        }
        return toolsets;
    }

    private List<Toolset> readToolsetMap(Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof Map<?, ?> entries)) {
            problems.add(ValidationProblem.error(TOOLSETS, "must be a mapping of toolset name to its fields, but it is "
                    + describe(node)));
            return List.of();
        }
        List<Toolset> toolsets = new ArrayList<>(entries.size());
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String path = TOOLSETS + "." + key;
            Optional<ToolsetName> name = readName(path, entry.getKey());
            if (name.isEmpty()) {
                continue;
            }
            Object value = entry.getValue() == null ? Map.of() : entry.getValue();
            if (!(value instanceof Map<?, ?> fields)) {
                problems.add(ValidationProblem.error(path, "must be a mapping of the toolset's fields, but it is "
                        + describe(value)));
                continue;
            }
            if (fields.containsKey("name") && !key.equals(String.valueOf(fields.get("name")))) {
                problems.add(ValidationProblem.warning(path + ".name", "is ignored: in the '" + TOOLSETS
                        + ":' form the key ('" + key + "') is the name"));
            }
            readToolset(path, name.get(), fields).ifPresent(toolsets::add);
        }
        return toolsets;
    }

    private Optional<Toolset> readToolset(String path, ToolsetName name, Map<?, ?> fields) {
        Object enabledNode = fields.get("enabled");
        boolean enabled = true;
        if (!fields.containsKey("enabled")) {
            problems.add(ValidationProblem.warning(path + ".enabled",
                    "is missing; the toolset is treated as enabled (write enabled: true or false)"));
        } else {
            Optional<Boolean> value = readBoolean(path + ".enabled", enabledNode);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            enabled = value.get();
        }
        Optional<Integer> priority = readInteger(path + ".priority", fields.get("priority"));
        Optional<URI> endpoint = readEndpoint(path + ".endpoint", fields.get("endpoint"));
        if ((fields.get("priority") != null && priority.isEmpty())
                || (fields.get("endpoint") != null && endpoint.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Toolset(name, enabled, priority.orElse(0), endpoint, settingsOf(fields)));
    }

    private Map<ToolsetName, ToolsetOverride> readOverrides(Object node, List<Toolset> discovered) {
        if (node == null) {
            // An 'overrides:' holding only comments is null in YAML: the same as no overrides.
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> entries)) {
            problems.add(ValidationProblem.error(OVERRIDES, "must be a mapping of toolset name to the fields it "
                    + "changes, but it is " + describe(node)));
            return Map.of();
        }
        Set<ToolsetName> known = new HashSet<>();
        discovered.forEach(toolset -> known.add(toolset.name()));
        Map<ToolsetName, ToolsetOverride> overrides = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String path = OVERRIDES + "." + entry.getKey();
            Optional<ToolsetName> name = readName(path, entry.getKey());
            if (name.isEmpty()) {
                continue;
            }
            Object value = entry.getValue() == null ? Map.of() : entry.getValue();
            if (!(value instanceof Map<?, ?> fields)) {
                problems.add(ValidationProblem.error(path, "must be a mapping of the fields to change, but it is "
                        + describe(value)));
                continue;
            }
            if (!known.contains(name.get())) {
                problems.add(ValidationProblem.warning(path, "overrides toolset '" + name.get()
                        + "', which is not in 'discovered:'; the override is ignored"));
            }
            Optional<Boolean> enabled = fields.get("enabled") == null
                    ? Optional.empty() : readBoolean(path + ".enabled", fields.get("enabled"));
            Optional<Integer> priority = readInteger(path + ".priority", fields.get("priority"));
            Optional<URI> endpoint = readEndpoint(path + ".endpoint", fields.get("endpoint"));
            overrides.put(name.get(), new ToolsetOverride(enabled, priority, endpoint, settingsOf(fields)));
        }
        return overrides;
    }

    private Optional<ToolsetName> readName(String path, Object node) {
        if (node == null || (node instanceof String text && text.isBlank())) {
            problems.add(ValidationProblem.error(path, "toolset name is missing or blank; give every toolset a name "
                    + "such as kubernetes/core"));
            return Optional.empty();
        }
        if (!(node instanceof String text)) {
            problems.add(ValidationProblem.error(path, "toolset name must be a string, but it is " + describe(node)));
            return Optional.empty();
        }
        String problem = ToolsetName.problemWith(text);
        if (problem != null) {
            problems.add(ValidationProblem.error(path, problem));
            return Optional.empty();
        }
        return Optional.of(new ToolsetName(text));
    }

    private Optional<Boolean> readBoolean(String path, Object node) {
        if (node instanceof Boolean value) {
            return Optional.of(value);
        }
        problems.add(ValidationProblem.error(path, "must be true or false, but it is " + describe(node)));
        return Optional.empty();
    }

    private Optional<Integer> readInteger(String path, Object node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof Integer value) {
            return Optional.of(value);
        }
        if ((node instanceof Long || node instanceof BigInteger)) {
            problems.add(ValidationProblem.error(path, "must be a whole number between " + Integer.MIN_VALUE
                    + " and " + Integer.MAX_VALUE + ", but it is " + node));
            return Optional.empty();
        }
        problems.add(ValidationProblem.error(path, "must be a whole number, but it is " + describe(node)));
        return Optional.empty();
    }

    private Optional<URI> readEndpoint(String path, Object node) {
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof String text)) {
            problems.add(ValidationProblem.error(path, "must be an http:// or https:// URL, but it is " + describe(node)));
            return Optional.empty();
        }
        try {
            return Optional.of(Endpoints.parse(text));
        } catch (InvalidValueException e) {
            problems.add(ValidationProblem.error(path, e.getMessage()));
            return Optional.empty();
        }
    }

    private static Map<String, Object> settingsOf(Map<?, ?> fields) {
        Map<String, Object> settings = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (!FIELDS.contains(String.valueOf(key))) {
                settings.put(String.valueOf(key), value);
            }
        });
        return settings;
    }

    private static String describe(Object node) {
        if (node == null) {
            return "empty (null)";
        }
        if (node instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (node instanceof List<?>) {
            return "a list";
        }
        if (node instanceof String text) {
            return "the text '" + Printable.of(text) + "'";
        }
        return "the " + node.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " '"
                + Printable.of(String.valueOf(node)) + "'";
    }
}
