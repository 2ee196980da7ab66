package org.toolsetconfig.application.service;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetDocument;
import org.toolsetconfig.domain.ToolsetName;
import org.toolsetconfig.domain.ToolsetOverride;
import org.toolsetconfig.domain.ToolsetUrls;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * The failure patterns of a set of toolsets, compiled once (DESIGN §9): each toolset's own
 * {@code failurePatterns}, or else its family's defaults, plus always its full name and the host of
 * each of its URLs; case-insensitive. RE2/J matches in time linear in the text whatever the
 * pattern (no backtracking), so neither a pathological expression in a config nor a huge error text
 * can stall the request that matches them. Immutable.
 */
final class FailurePatterns {

    /** BR-HAPI-189's defaults, by the start of a toolset's name. */
    private static final Map<String, String> FAMILY_DEFAULTS = Map.of(
            "kubernetes", "kubernetes|rbac|forbidden|unauthorized",
            "prometheus", "prometheus|promql",
            "grafana", "grafana");

    private record Compiled(ToolsetName toolset, Pattern pattern) {
    }

    private final List<Compiled> compiled;

    private FailurePatterns(List<Compiled> compiled) {
        this.compiled = compiled;
    }

    /**
     * The patterns of {@code toolsets}, in their order. A pattern that does not compile (only a
     * document built in code can hold one: a read document is refused for it) is left out.
     */
    static FailurePatterns of(List<Toolset> toolsets) {
        List<Compiled> compiled = new ArrayList<>(toolsets.size());
        for (Toolset toolset : toolsets) {
            compiled.add(new Compiled(toolset.name(), compile(expressionsOf(toolset))));
        }
        return new FailurePatterns(List.copyOf(compiled));
    }

    /** These patterns followed by {@code more}'s. */
    FailurePatterns and(FailurePatterns more) {
        List<Compiled> both = new ArrayList<>(compiled);
        both.addAll(more.compiled);
        return new FailurePatterns(List.copyOf(both));
    }

    /** Every toolset whose patterns find a match in {@code text}, in the order given to {@link #of}. */
    List<ToolsetName> matching(String text) {
        List<ToolsetName> matched = new ArrayList<>();
        for (Compiled entry : compiled) {
            if (entry.pattern().matcher(text).find()) {
                matched.add(entry.toolset());
            }
        }
        return matched;
    }

    /** The expressions one toolset is matched with; its own or its family's, then its name and URL hosts quoted. */
    static List<String> expressionsOf(Toolset toolset) {
        Set<String> expressions = new LinkedHashSet<>(toolset.failurePatterns().isEmpty()
                ? familyDefaults(toolset.name()) : toolset.failurePatterns());
        expressions.add(Pattern.quote(toolset.name().toString()));
        for (ToolsetUrls.Entry url : ToolsetUrls.of(toolset)) {
            hostOf(url.value()).ifPresent(host -> expressions.add(Pattern.quote(host)));
        }
        return List.copyOf(expressions);
    }

    static List<String> familyDefaults(ToolsetName name) {
        String lower = name.toString().toLowerCase(Locale.ROOT);
        return FAMILY_DEFAULTS.entrySet().stream().filter(family -> lower.startsWith(family.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    /**
     * Why {@code expression} is not a valid failure pattern, if it is not: RE2 syntax, which refuses
     * what cannot run in linear time (backreferences, lookaround).
     */
    static Optional<String> problemWith(String expression) {
        try {
            Pattern.compile(expression, Pattern.CASE_INSENSITIVE);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("is not a valid regular expression (RE2 syntax: no backreferences or lookaround): "
                    + e.getDescription());
        }
    }

    /** An ERROR for each failure pattern of {@code document}, entry or override, that does not compile. */
    static List<ValidationProblem> problemsOf(ToolsetDocument document) {
        List<ValidationProblem> problems = new ArrayList<>();
        for (Toolset toolset : document.toolsets()) {
            check(document.pathOf(toolset.name(), false), toolset.failurePatterns(), problems);
        }
        for (Map.Entry<ToolsetName, ToolsetOverride> override : document.overrides().entrySet()) {
            override.getValue().failurePatterns().ifPresent(patterns ->
                    check(document.pathOf(override.getKey(), true), patterns, problems));
        }
        return problems;
    }

    /**
     * {@code decoder} with the failure patterns of each decoded document checked: one that does not
     * compile is an ERROR problem at its path, so the document is never applied.
     */
    static ConfigDecoder checking(ConfigDecoder decoder) {
        return bytes -> {
            DecodeResult decoded = decoder.decode(bytes);
            if (!(decoded instanceof DecodeResult.Decoded ok)) {
                return decoded;
            }
            List<ValidationProblem> found = problemsOf(ok.document());
            if (found.isEmpty()) {
                return decoded;
            }
            ToolsetDocument document = ok.document();
            List<ValidationProblem> problems = new ArrayList<>(document.problems());
            problems.addAll(found);
            return new DecodeResult.Decoded(new ToolsetDocument(document.form(), document.toolsets(),
                    document.overrides(), problems, document.entryPaths()));
        };
    }

    private static void check(String entryPath, List<String> patterns, List<ValidationProblem> problems) {
        for (int i = 0; i < patterns.size(); i++) {
            String path = entryPath + ".failurePatterns[" + i + "]";
            problemWith(patterns.get(i)).ifPresent(message -> problems.add(ValidationProblem.error(path, message)));
        }
    }

    private static Pattern compile(List<String> expressions) {
        StringBuilder alternation = new StringBuilder();
        for (String expression : expressions) {
            if (problemWith(expression).isEmpty()) {
                alternation.append(alternation.isEmpty() ? "" : "|").append("(?:").append(expression).append(')');
            }
        }
        return Pattern.compile(alternation.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** The host of a URL as written; none for a reference ({@code {{ env.X }}}) or text that is no URL. */
    private static Optional<String> hostOf(String value) {
        try {
            return Optional.ofNullable(URI.create(value.strip()).getHost()).filter(host -> !host.isBlank());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
