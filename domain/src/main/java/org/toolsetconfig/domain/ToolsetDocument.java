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
                              List<ValidationProblem> problems) {

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
