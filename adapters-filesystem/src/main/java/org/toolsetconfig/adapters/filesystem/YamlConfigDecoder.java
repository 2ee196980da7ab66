package org.toolsetconfig.adapters.filesystem;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.domain.Printable;
import org.toolsetconfig.domain.SourcePosition;
import org.toolsetconfig.domain.ToolsetDocument;
import org.toolsetconfig.domain.ValidationProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Decodes a configuration file with SnakeYAML into the domain's {@link ToolsetDocument}; both forms
 * of DESIGN.md §2 are recognised by the domain. Problems carry their path and, where the file says,
 * their line and column.
 *
 * <p>Safe by construction: the YAML is only <em>composed</em> into nodes, never constructed into
 * objects, and the nodes are turned into plain maps, lists, strings, numbers, booleans and nulls
 * here. Refused with a clear problem: bytes that are not UTF-8 text (NUL bytes, invalid sequences,
 * UTF-16), documents over the byte limit, more than one document, explicit tags other than YAML's
 * core ones ({@code !!binary}, {@code !!set}, local and global tags), duplicate keys, non-scalar keys,
 * recursive aliases, more than {@value #MAX_ALIASES_FOR_COLLECTIONS} aliases of collections, aliases
 * that expand the document by more than a quarter of the byte limit in values (billion laughs) or to
 * more than {@value #EXPANSION_FACTOR} times the byte limit in bytes (a long text repeated), and
 * nesting deeper than {@value #MAX_NESTING_DEPTH}. Problem paths, built from keys the file chose,
 * are escaped and clipped here.
 *
 * <p>Decisions: keys are always text, as written ({@code 1:} is the key {@code "1"}); YAML 1.1
 * scalars are resolved as PyYAML does ({@code yes}/{@code on} are booleans) so a file behaves the
 * same as in HolmesGPT; timestamps stay the text written ({@code 2024-01-01} is a string), because
 * settings are passed on verbatim; merge keys ({@code <<: *defaults}) are supported, explicit keys
 * winning over merged ones.
 */
public final class YamlConfigDecoder implements ConfigDecoder {

    /** Deepest nesting of mappings and lists accepted. A toolsets file needs fewer than 10 levels. */
    static final int MAX_NESTING_DEPTH = 50;
    /** Most aliases of mappings and lists one document may use. */
    static final int MAX_ALIASES_FOR_COLLECTIONS = 50;

    /** How many times the byte limit a document may become once its aliases are expanded. */
    static final int EXPANSION_FACTOR = 4;

    private static final int MIN_EXPANSION_BUDGET = 10_000;

    private final long maxBytes;
    private final long expansionBudget;

    /** A decoder refusing documents over {@code maxBytes} ({@code TOOLSET_CONFIG_MAX_BYTES}). */
    public YamlConfigDecoder(long maxBytes) {
        this.maxBytes = ConfigSource.requireMaxBytes(maxBytes);
        this.expansionBudget = Math.max(MIN_EXPANSION_BUDGET, maxBytes / 4);
    }

    @Override
    public DecodeResult decode(byte[] bytes) {
        try {
            return decodeOrRefuse(bytes);
        } catch (RuntimeException e) {
            // Not expected for any input; still, bad content must never crash the caller.
            return malformed("the document could not be decoded: " + e, SourcePosition.UNKNOWN);
        }
    }

    private DecodeResult decodeOrRefuse(byte[] bytes) {
        if (bytes.length > maxBytes) {
            return malformed("the document is " + bytes.length + " bytes, larger than the limit of " + maxBytes
                    + " bytes (TOOLSET_CONFIG_MAX_BYTES); shrink it or raise the limit", SourcePosition.UNKNOWN);
        }
        String text;
        try {
            text = Utf8Text.decode(bytes);
        } catch (Utf8Text.NotText e) {
            return malformed(e.getMessage(), e.position());
        }
        Node root;
        try {
            root = compose(text);
        } catch (MarkedYAMLException e) {
            return malformed(syntaxMessage(e), position(e.getProblemMark() != null ? e.getProblemMark()
                    : e.getContextMark()));
        } catch (ReaderException e) {
            return malformed("the document contains a character YAML does not allow ("
                    + String.format(Locale.ROOT, "U+%04X", e.getCodePoint()) + "); remove it or quote it as an escape",
                    Utf8Text.positionOfCodePoint(text, e.getPosition()));
        } catch (YAMLException e) {
            return malformed(limitMessage(e), SourcePosition.UNKNOWN);
        }
        if (root == null) {
            // Empty, or only comments: the domain explains what the document must hold.
            return new DecodeResult.Decoded(ToolsetDocument.fromTree(null));
        }
        YamlTree tree = YamlTree.of(root, MAX_NESTING_DEPTH, expansionBudget, EXPANSION_FACTOR * maxBytes);
        if (!tree.problems().isEmpty()) {
            return new DecodeResult.Malformed(tree.problems());
        }
        ToolsetDocument document = ToolsetDocument.fromTree(tree.value());
        List<ValidationProblem> located = document.problems().stream()
                .map(problem -> new ValidationProblem(Printable.path(problem.path()), problem.message(),
                        problem.severity(), problem.position().isKnown() ? problem.position()
                        : tree.positionOf(problem.path())))
                .toList();
        return new DecodeResult.Decoded(new ToolsetDocument(document.form(), document.toolsets(),
                document.overrides(), located));
    }

    private Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // composing does not check it; YamlTree does
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setAllowRecursiveKeys(false);
        // UTF-8 never has fewer bytes than code points, so the byte limit checked above binds first.
        options.setCodePointLimit((int) maxBytes + 1);
        options.setProcessComments(false);
        options.setTagInspector(tag -> false);
        Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                new Resolver(), options);
        return composer.getSingleNode();
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "unreadable YAML" : e.getProblem().strip();
        if (problem.startsWith("but ") && e.getContext() != null) {
            // "expected a single document in the stream" + "but found another document"
            return "YAML syntax error: " + e.getContext().strip() + ", " + problem;
        }
        StringBuilder message = new StringBuilder("YAML syntax error: ").append(problem);
        if (e.getContext() != null) {
            message.append(" (").append(e.getContext().strip());
            if (e.getContextMark() != null && e.getProblemMark() != null
                    && e.getContextMark().getIndex() != e.getProblemMark().getIndex()) {
                message.append(" at ").append(position(e.getContextMark()));
            }
            message.append(')');
        }
        return message.toString();
    }

    private String limitMessage(YAMLException e) {
        String raw = String.valueOf(e.getMessage());
        if (raw.contains("Nesting Depth")) {
            return "the document nests mappings and lists deeper than " + MAX_NESTING_DEPTH + " levels; flatten it";
        }
        if (raw.contains("aliases")) {
            return "the document uses more than " + MAX_ALIASES_FOR_COLLECTIONS + " aliases of mappings or lists "
                    + "(a 'billion laughs' document?); write the values out instead";
        }
        if (raw.contains("code points")) {
            return "the document is larger than the limit of " + maxBytes + " bytes (TOOLSET_CONFIG_MAX_BYTES)";
        }
        return "the document is not readable YAML: " + raw;
    }

    private static DecodeResult malformed(String message, SourcePosition position) {
        return new DecodeResult.Malformed(List.of(ValidationProblem.error("", message).at(position)));
    }

    static SourcePosition position(Mark mark) {
        return mark == null ? SourcePosition.UNKNOWN : new SourcePosition(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
