package org.toolsetconfig.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a configuration file says, before overrides, with every problem found in it. It comes in
 * one of two forms: the kubernaut form ({@code discovered:} list plus {@code overrides:} map) or the
 * HolmesGPT form ({@code toolsets:} map of name to fields). A document with any ERROR problem must
 * never be applied.
 */
public record ToolsetDocument(Form form, List<Toolset> toolsets, Map<ToolsetName, ToolsetOverride> overrides,
                              List<ValidationProblem> problems, Map<ToolsetName, String> entryPaths) {

    /** The two shapes a document may have. */
    public enum Form {
        /** {@code discovered:} list plus optional {@code overrides:} map. */
        DISCOVERED,
        /** HolmesGPT's {@code toolsets:} map of name to fields. */
        HOLMESGPT,
        /** Neither shape could be recognised; the problems say why. */
        UNRECOGNISED
    }

    /** Highest priority first, then by name: the order the engine tries toolsets in. */
    public static final Comparator<Toolset> EFFECTIVE_ORDER =
            Comparator.comparingInt(Toolset::priority).reversed().thenComparing(Toolset::name);

    /** Copies the parts so that the document cannot change after construction. */
    public ToolsetDocument {
        Objects.requireNonNull(form, "form");
        toolsets = List.copyOf(toolsets);
        overrides = Map.copyOf(overrides);
        problems = List.copyOf(problems);
        entryPaths = Map.copyOf(entryPaths);
    }

    /**
     * A document built in code rather than read: each entry's path is where it would be in a file of its form.
     *
     * @param form which shape the document has
     * @param toolsets the toolsets it lists, before overrides
     * @param overrides the overrides by toolset name
     * @param problems every problem found in it
     */
    public ToolsetDocument(Form form, List<Toolset> toolsets, Map<ToolsetName, ToolsetOverride> overrides,
                           List<ValidationProblem> problems) {
        this(form, toolsets, overrides, problems, pathsInOrder(form, toolsets));
    }

    /**
     * Where the entry of {@code name} is in the file: {@code discovered[i]}, {@code toolsets.<name>},
     * {@code mcp_servers.<name>}; for an override, {@code overrides.<name>}.
     *
     * @param name a toolset of this document
     * @param override whether the override's path is meant rather than the entry's
     * @return the path
     */
    public String pathOf(ToolsetName name, boolean override) {
        if (override) {
            return "overrides." + name;
        }
        String path = entryPaths.get(name);
        return path != null ? path : (form == Form.DISCOVERED ? "discovered" : "toolsets") + "." + name;
    }

    private static Map<ToolsetName, String> pathsInOrder(Form form, List<Toolset> toolsets) {
        Map<ToolsetName, String> paths = new java.util.HashMap<>();
        for (int i = 0; i < toolsets.size(); i++) {
            Toolset toolset = toolsets.get(i);
            paths.putIfAbsent(toolset.name(), form == Form.DISCOVERED ? "discovered[" + i + "]"
                    : (toolset.type() == Toolset.Type.MCP ? "mcp_servers." : "toolsets.") + toolset.name());
        }
        return paths;
    }

    /**
     * Reads a document from the generic tree a YAML parser yields (maps with string keys, lists,
     * strings, numbers, booleans, nulls) and validates it. Never throws on bad content: everything
     * wrong is in {@link #problems()}.
     */
    public static ToolsetDocument fromTree(Object root) {
        return new DocumentReader().read(root);
    }

    /** Whether any problem is an ERROR, which means the document must not be applied. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(ValidationProblem::isError);
    }

    /**
     * The toolsets the engine should use: overrides applied (the document is not changed), disabled
     * ones dropped, sorted by {@link #EFFECTIVE_ORDER}.
     */
    public List<Toolset> effectiveToolsets() {
        return definedToolsets().stream().filter(Toolset::enabled).toList();
    }

    /**
     * Every toolset the document defines, enabled or not, with overrides applied, sorted by
     * {@link #EFFECTIVE_ORDER}: what {@code GET /api/v1/toolsets?include=disabled} shows.
     */
    public List<Toolset> definedToolsets() {
        return toolsets.stream()
                .map(toolset -> {
                    ToolsetOverride override = overrides.get(toolset.name());
                    return override == null ? toolset : toolset.with(override);
                })
                .sorted(EFFECTIVE_ORDER)
                .toList();
    }
}
