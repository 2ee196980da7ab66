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
    private static final String MCP_SERVERS = "mcp_servers";
    private static final String HELM_VALUES = "holmes";
    private static final List<String> TOP_LEVEL = List.of(DISCOVERED, OVERRIDES, TOOLSETS, MCP_SERVERS);
    private static final String FAILURE_PATTERNS = "failurePatterns";
    private static final Set<String> FIELDS = Set.of("name", "enabled", "priority", "endpoint", FAILURE_PATTERNS);
    /** Bounds on what one entry's patterns may cost to compile and match; far above any real list. */
    static final int MAX_PATTERNS = 32;
    static final int MAX_PATTERN_CHARS = 512;
    /**
     * Keys an entry is checked against for typos: ours plus the fields HolmesGPT's own Toolset model
     * reads. Anything else is a free-form setting, as HolmesGPT allows.
     */
    private static final List<String> KNOWN_ENTRY_KEYS = List.of("name", "enabled", "priority", "endpoint",
            "description", "config", "prerequisites", "tools", "tags", "docs_url", "icon_url",
            "installation_instructions", "additional_instructions", "llm_instructions", "experimental",
            "is_default", "transformers", "type", "path", "url", FAILURE_PATTERNS);

    private final List<ValidationProblem> problems = new ArrayList<>();
    /** Names of entries refused for a bad field: what the file says about them is not known, so nothing follows from it. */
    private final Set<ToolsetName> refused = new HashSet<>();
    /** Where each accepted toolset's entry is, so that a later check can name the path of what it finds. */
    private final Map<ToolsetName, String> entryPaths = new LinkedHashMap<>();
    private boolean entryRefused;
    private boolean misspeltSection;

    ToolsetDocument read(Object root) {
        if (!(root instanceof Map<?, ?> top)) {
            problems.add(ValidationProblem.error("", "the document must be a mapping with '" + DISCOVERED
                    + ":' (and optional '" + OVERRIDES + ":') or '" + TOOLSETS + ":' at the top, but it is "
                    + describe(root)));
            return finish(ToolsetDocument.Form.UNRECOGNISED, List.of(), Map.of());
        }
        boolean kubernaut = top.containsKey(DISCOVERED) || top.containsKey(OVERRIDES);
        boolean holmes = top.containsKey(TOOLSETS) || top.containsKey(MCP_SERVERS);
        boolean helmValues = false;
        for (Object key : top.keySet()) {
            String name = String.valueOf(key);
            if (TOP_LEVEL.contains(name)) {
                continue;
            }
            if (name.equals(HELM_VALUES) && top.get(key) instanceof Map<?, ?> values
                    && (values.containsKey(TOOLSETS) || values.containsKey(MCP_SERVERS))) {
                helmValues = true;
                problems.add(new ValidationProblem(name, "this looks like Helm values: the service reads the file "
                        + "the chart renders, so put the '" + TOOLSETS + ":' map at the top level (move the "
                        + "entries of '" + HELM_VALUES + "." + TOOLSETS + "' and '" + HELM_VALUES + "." + MCP_SERVERS
                        + "' out of '" + HELM_VALUES + ":')", kubernaut || holmes ? Severity.WARNING : Severity.ERROR,
                        SourcePosition.UNKNOWN));
            } else if (typo(name, name, TOP_LEVEL)) {
                // The misspelt section may hold the enabled toolsets or the names overrides refer to.
                misspeltSection = true;
                entryRefused = true;
            } else {
                problems.add(ValidationProblem.warning(name, "unknown top-level key is ignored; expected '"
                        + DISCOVERED + "', '" + OVERRIDES + "', '" + TOOLSETS + "' or '" + MCP_SERVERS + "'"));
            }
        }
        if (kubernaut && holmes) {
            problems.add(ValidationProblem.error("", "the document mixes both forms: use either '" + DISCOVERED
                    + ":' with '" + OVERRIDES + ":', or '" + TOOLSETS + ":' (with '" + MCP_SERVERS
                    + ":'), not both"));
            return finish(ToolsetDocument.Form.UNRECOGNISED, List.of(), Map.of());
        }
        if (holmes) {
            List<Toolset> toolsets = new ArrayList<>(
                    readToolsetMap(TOOLSETS, top.get(TOOLSETS), Toolset.Type.BUILT_IN));
            Set<ToolsetName> names = new HashSet<>();
            toolsets.forEach(toolset -> names.add(toolset.name()));
            for (Toolset server : readToolsetMap(MCP_SERVERS, top.get(MCP_SERVERS), Toolset.Type.MCP)) {
                if (names.contains(server.name())) {
                    problems.add(ValidationProblem.error(MCP_SERVERS + "." + server.name(), "toolset '"
                            + server.name() + "' is defined both in '" + TOOLSETS + ":' and in '" + MCP_SERVERS
                            + ":'; rename one of them"));
                    refuse(server.name());
                } else {
                    toolsets.add(server);
                }
            }
            return finish(ToolsetDocument.Form.HOLMESGPT, toolsets, Map.of());
        }
        if (kubernaut) {
            List<Toolset> discovered = readDiscovered(top.get(DISCOVERED));
            Map<ToolsetName, ToolsetOverride> overrides = readOverrides(top.get(OVERRIDES), discovered);
            return finish(ToolsetDocument.Form.DISCOVERED, discovered, overrides);
        }
        if (!helmValues && problems.stream().noneMatch(ValidationProblem::isError)) {
            problems.add(ValidationProblem.error("", "the document has neither '" + DISCOVERED + ":' nor '"
                    + TOOLSETS + ":' at the top; add one of them with at least one enabled toolset"));
        }
        return finish(ToolsetDocument.Form.UNRECOGNISED, List.of(), Map.of());
    }

    private ToolsetDocument finish(ToolsetDocument.Form form, List<Toolset> toolsets,
                                   Map<ToolsetName, ToolsetOverride> overrides) {
        ToolsetDocument draft = new ToolsetDocument(form, toolsets, overrides, List.of(), entryPaths);
        // A refused entry may be the enabled one the file meant: saying none is enabled would contradict it.
        if (form != ToolsetDocument.Form.UNRECOGNISED && !entryRefused && draft.effectiveToolsets().isEmpty()) {
            problems.add(ValidationProblem.error(form == ToolsetDocument.Form.HOLMESGPT ? TOOLSETS : DISCOVERED,
                    "no toolset is enabled; enable at least one (enabled: true)"));
        }
        return new ToolsetDocument(form, toolsets, overrides, problems, entryPaths);
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
                entryRefused = true;
                continue;
            }
            Optional<ToolsetName> name = readName(path + ".name", entry.get("name"));
            if (name.isEmpty()) {
                typos(path, entry); // 'nmae:' is why the name is missing
                continue;
            }
            if (!seen.add(name.get())) {
                problems.add(ValidationProblem.error(path + ".name", "duplicate toolset name '" + name.get()
                        + "'; each toolset may appear only once"));
                continue;
            }
            readToolset(path, name.get(), entry, Toolset.Type.BUILT_IN).ifPresent(toolsets::add);
        }
        return toolsets;
    }

    private List<Toolset> readToolsetMap(String section, Object node, Toolset.Type type) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof Map<?, ?> entries)) {
            problems.add(ValidationProblem.error(section, "must be a mapping of toolset name to its fields, but it is "
                    + describe(node)));
            return List.of();
        }
        List<Toolset> toolsets = new ArrayList<>(entries.size());
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String path = section + "." + key;
            Optional<ToolsetName> name = readName(path, entry.getKey());
            if (name.isEmpty()) {
                continue;
            }
            Object value = entry.getValue() == null ? Map.of() : entry.getValue();
            if (!(value instanceof Map<?, ?> fields)) {
                problems.add(ValidationProblem.error(path, "must be a mapping of the toolset's fields, but it is "
                        + describe(value)));
                refuse(name.get());
                continue;
            }
            if (fields.containsKey("name") && !key.equals(String.valueOf(fields.get("name")))) {
                problems.add(ValidationProblem.warning(path + ".name", "is ignored: in the '" + section
                        + ":' form the key ('" + key + "') is the name"));
            }
            readToolset(path, name.get(), fields, type).ifPresent(toolsets::add);
        }
        return toolsets;
    }

    private Optional<Toolset> readToolset(String path, ToolsetName name, Map<?, ?> fields, Toolset.Type type) {
        boolean typos = typos(path, fields);
        boolean enabled = true;
        Optional<Boolean> enabledValue = Optional.empty();
        if (fields.containsKey("enabled")) {
            enabledValue = readBoolean(path + ".enabled", fields.get("enabled"));
            enabled = enabledValue.orElse(true);
        } else if (type == Toolset.Type.BUILT_IN && !typos) {
            // HolmesGPT's mcp_servers entries never say 'enabled'; they are on by being listed.
            problems.add(ValidationProblem.warning(path + ".enabled",
                    "is missing; the toolset is treated as enabled (write enabled: true or false)"));
        }
        Optional<Integer> priority = readInteger(path + ".priority", fields.get("priority"));
        Optional<URI> endpoint = readEndpoint(path + ".endpoint", fields.get("endpoint"));
        Optional<List<String>> patterns = readPatterns(path + "." + FAILURE_PATTERNS, fields.get(FAILURE_PATTERNS));
        if (typos || (fields.containsKey("enabled") && enabledValue.isEmpty())
                || (fields.get("priority") != null && priority.isEmpty())
                || (fields.get("endpoint") != null && endpoint.isEmpty())
                || (fields.get(FAILURE_PATTERNS) != null && patterns.isEmpty())) {
            refuse(name);
            return Optional.empty();
        }
        entryPaths.put(name, path);
        return Optional.of(new Toolset(name, enabled, priority.orElse(0), endpoint, type,
                patterns.orElse(List.of()), settingsOf(fields)));
    }

    /**
     * A list of non-blank strings, each a regular expression; that they compile is checked by the
     * matcher's own syntax, which is the application's (the domain knows no regex engine of that kind).
     */
    private Optional<List<String>> readPatterns(String path, Object node) {
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof List<?> items)) {
            problems.add(ValidationProblem.error(path, "must be a list of regular expressions, but it is "
                    + describe(node)));
            return Optional.empty();
        }
        if (items.size() > MAX_PATTERNS) {
            problems.add(ValidationProblem.error(path, "has " + items.size() + " patterns; at most " + MAX_PATTERNS
                    + " are allowed (join alternatives with '|')"));
            return Optional.empty();
        }
        List<String> patterns = new ArrayList<>(items.size());
        boolean valid = true;
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof String text) || text.isBlank()) {
                problems.add(ValidationProblem.error(path + "[" + i + "]", "must be a non-blank regular expression, "
                        + "but it is " + describe(item)));
                valid = false;
            } else if (text.length() > MAX_PATTERN_CHARS) {
                problems.add(ValidationProblem.error(path + "[" + i + "]", "is " + text.length()
                        + " characters long; at most " + MAX_PATTERN_CHARS + " are allowed"));
                valid = false;
            } else {
                patterns.add(text);
            }
        }
        return valid ? Optional.of(patterns) : Optional.empty();
    }

    private void refuse(ToolsetName name) {
        refused.add(name);
        entryRefused = true;
    }

    /** Reports each key of an entry that is a near miss of a known one; whether there was any. */
    private boolean typos(String path, Map<?, ?> fields) {
        boolean any = false;
        for (Object key : fields.keySet()) {
            String name = String.valueOf(key);
            any |= !KNOWN_ENTRY_KEYS.contains(name) && typo(path + "." + name, name, KNOWN_ENTRY_KEYS);
        }
        return any;
    }

    /** Reports {@code key} as an ERROR when it is a near miss of one of {@code known}; whether it was. */
    private boolean typo(String path, String key, List<String> known) {
        Optional<String> meant = NearMiss.of(key, known);
        meant.ifPresent(candidate -> problems.add(ValidationProblem.error(path, "unknown key '" + Printable.of(key)
                + "' — did you mean '" + candidate + "'?")));
        return meant.isPresent();
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
            if (!known.contains(name.get()) && !refused.contains(name.get()) && !misspeltSection) {
                problems.add(ValidationProblem.warning(path, "overrides toolset '" + name.get()
                        + "', which is not in 'discovered:'; the override is ignored"));
            }
            typos(path, fields);
            Optional<Boolean> enabled = fields.get("enabled") == null
                    ? Optional.empty() : readBoolean(path + ".enabled", fields.get("enabled"));
            Optional<Integer> priority = readInteger(path + ".priority", fields.get("priority"));
            Optional<URI> endpoint = readEndpoint(path + ".endpoint", fields.get("endpoint"));
            Optional<List<String>> patterns = readPatterns(path + "." + FAILURE_PATTERNS, fields.get(FAILURE_PATTERNS));
            overrides.put(name.get(), new ToolsetOverride(enabled, priority, endpoint, patterns, settingsOf(fields)));
        }
        return overrides;
    }

    private Optional<ToolsetName> readName(String path, Object node) {
        Optional<ToolsetName> name = nameOf(path, node);
        entryRefused |= name.isEmpty();
        return name;
    }

    private Optional<ToolsetName> nameOf(String path, Object node) {
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
