package org.toolsetconfig.adapters.filesystem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.toolsetconfig.domain.Printable;
import org.toolsetconfig.domain.SourcePosition;
import org.toolsetconfig.domain.ValidationProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The plain tree of a composed YAML document (maps with text keys, lists, strings, numbers,
 * booleans, nulls) that {@code ToolsetDocument.fromTree} reads, with the line and column of every
 * path, or the problems that stop it from being one.
 *
 * <p>Before anything is built, one pass over the node graph measures it (each node once, so it is
 * cheap even for an alias bomb) and refuses recursive aliases, nesting that aliases push past the
 * limit, and aliases that would expand the document by more than the budgets: in values, and in
 * bytes (what an answer echoing the settings would hold). Building keeps memory proportional to the
 * input: values repeated by aliases share their text, a path is written out only for a problem, and
 * at most {@value #MAX_PROBLEMS} problems are listed.
 */
final class YamlTree {

    /** Most problems listed for one document; the rest are counted in one more. */
    static final int MAX_PROBLEMS = 100;
    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";
    private static final Set<Tag> NUMBER_TAGS = Set.of(Tag.INT, Tag.FLOAT);
    private static final Set<Tag> VALUE_TAGS = Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);
    private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.TIMESTAMP, Tag.MERGE);
    // Numbers longer than this are refused: parsing a huge BigInteger is quadratic.
    private static final int MAX_NUMBER_LENGTH = 64;

    private final Node root;
    private final Object value;
    private final List<ValidationProblem> problems;
    private final Map<MappingNode, Keys> keys = new IdentityHashMap<>();

    private YamlTree(Node root, Object value, List<ValidationProblem> problems) {
        this.root = root;
        this.value = value;
        this.problems = List.copyOf(problems);
    }

    /**
     * The tree of {@code root}: refused when nesting (aliases included) goes past {@code maxDepth}
     * collections, when aliases add more than {@code expansionBudget} values, or when the values
     * expand to more than {@code maxExpandedBytes} bytes of text.
     */
    static YamlTree of(Node root, int maxDepth, long expansionBudget, long maxExpandedBytes) {
        Measure measure = new Measure(maxDepth);
        try {
            measure.visit(root, 0);
        } catch (Refused refused) {
            return new YamlTree(root, null, List.of(refused.problem));
        }
        Measured whole = measure.sizes.get(root);
        SourcePosition start = YamlConfigDecoder.position(root.getStartMark());
        if (whole.bytes() > maxExpandedBytes) {
            return new YamlTree(root, null, List.of(ValidationProblem.error("", "aliases expand the document to "
                    + "more than " + maxExpandedBytes + " bytes (" + YamlConfigDecoder.EXPANSION_FACTOR
                    + " × TOOLSET_CONFIG_MAX_BYTES), so an answer "
                    + "echoing it would be that large; write the values out instead of repeating long text "
                    + "through aliases").at(start)));
        }
        long added = whole.values() - measure.sizes.size();
        if (added > expansionBudget) {
            return new YamlTree(root, null, List.of(ValidationProblem.error("", "aliases expand the document by "
                    + "more than " + expansionBudget + " values (a 'billion laughs' document?); write the values "
                    + "out or use fewer aliases").at(start)));
        }
        Builder builder = new Builder();
        Object value = builder.build(root, Where.ROOT);
        return new YamlTree(root, value, builder.problems());
    }

    /** The tree; meaningful only when there are no {@link #problems()}. */
    Object value() {
        return value;
    }

    /** What stops the document from being a plain tree; empty when it is one. */
    List<ValidationProblem> problems() {
        return problems;
    }

    /**
     * Where {@code path} is written, or its nearest written ancestor (a missing key is reported at
     * the entry that lacks it); unknown for the document as a whole. Found by walking the nodes, so
     * no path is kept per value.
     */
    SourcePosition positionOf(String path) {
        SourcePosition found = SourcePosition.UNKNOWN;
        Node node = root;
        String rest = path;
        while (!rest.isEmpty()) {
            Node key;
            Node next;
            int consumed;
            if (node instanceof SequenceNode sequence && rest.startsWith("[")) {
                consumed = rest.indexOf(']') + 1;
                int index = consumed > 1 ? parseIndex(rest.substring(1, consumed - 1)) : -1;
                if (index < 0 || index >= sequence.getValue().size()) {
                    break;
                }
                key = sequence.getValue().get(index);
                next = key;
            } else if (node instanceof MappingNode mapping) {
                Keys index = keys.computeIfAbsent(mapping, Keys::new);
                consumed = index.longestKeyStarting(rest);
                if (consumed < 0) {
                    break;
                }
                NodeTuple tuple = index.byName.get(rest.substring(0, consumed));
                key = tuple.getKeyNode();
                next = tuple.getValueNode();
            } else {
                break;
            }
            found = YamlConfigDecoder.position(key.getStartMark());
            node = next;
            rest = rest.substring(consumed);
            if (rest.startsWith(".")) {
                rest = rest.substring(1);
            }
        }
        return found;
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The keys of one mapping as the tree reads them: explicit keys first, then merged ones. */
    private static final class Keys {
        private final Map<String, NodeTuple> byName = new HashMap<>();
        private final Set<Integer> lengths = new HashSet<>();

        Keys(MappingNode mapping) {
            add(mapping);
        }

        private void add(MappingNode mapping) {
            List<MappingNode> merged = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (key.getTag().equals(Tag.MERGE)) {
                    Node source = tuple.getValueNode();
                    if (source instanceof MappingNode one) {
                        merged.add(one);
                    } else if (source instanceof SequenceNode many) {
                        many.getValue().stream().filter(MappingNode.class::isInstance)
                                .forEach(item -> merged.add((MappingNode) item));
                    }
                } else if (key instanceof ScalarNode scalar && byName.putIfAbsent(scalar.getValue(), tuple) == null) {
                    lengths.add(scalar.getValue().length());
                }
            }
            merged.forEach(this::add);
        }

        /** How much of {@code path} the longest matching key covers (keys may hold dots), or -1. */
        int longestKeyStarting(String path) {
            for (int end = path.length(); end >= 0; end--) {
                boolean boundary = end == path.length() || path.charAt(end) == '.' || path.charAt(end) == '[';
                if (boundary && lengths.contains(end) && byName.containsKey(path.substring(0, end))) {
                    return end;
                }
            }
            return -1;
        }
    }

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ValidationProblem problem;

        Refused(String message, Mark mark) {
            super(message, null, false, false);
            this.problem = ValidationProblem.error("", message).at(YamlConfigDecoder.position(mark));
        }
    }

    /** What a node becomes once its aliases are expanded. */
    private record Measured(long values, long height, long bytes) {
    }

    /** Expanded size and collection height of every distinct node, each computed once. */
    private static final class Measure {
        private final int maxDepth;
        private final Map<Node, Measured> sizes = new IdentityHashMap<>();
        private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());

        Measure(int maxDepth) {
            this.maxDepth = maxDepth;
        }

        /** {@code depth} counts the collections above {@code node}. */
        Measured visit(Node node, int depth) throws Refused {
            Measured known = sizes.get(node);
            if (known != null) {
                checkDepth(depth + known.height(), node);
                return known;
            }
            if (node instanceof ScalarNode scalar) {
                // One more byte for the separator an echo writes after each value.
                Measured measured = new Measured(1, 0, utf8Length(scalar.getValue()) + 1L);
                sizes.put(node, measured);
                return measured;
            }
            checkDepth(depth + 1, node);
            if (!onPath.add(node)) {
                throw new Refused("an alias refers to a mapping or list that contains it; a recursive structure "
                        + "cannot be a configuration", node.getStartMark());
            }
            long values = 1;
            long height = 0;
            long bytes = 2;
            List<Node> children = new ArrayList<>();
            if (node instanceof SequenceNode sequence) {
                children.addAll(sequence.getValue());
            } else if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    children.add(tuple.getKeyNode());
                    children.add(tuple.getValueNode());
                }
            }
            for (Node child : children) {
                Measured measured = visit(child, depth + 1);
                values = saturatedAdd(values, measured.values());
                bytes = saturatedAdd(bytes, measured.bytes());
                height = Math.max(height, measured.height());
            }
            onPath.remove(node);
            Measured result = new Measured(values, height + 1, bytes);
            sizes.put(node, result);
            return result;
        }

        private void checkDepth(long depth, Node node) throws Refused {
            if (depth > maxDepth) {
                throw new Refused("the document nests mappings and lists deeper than " + maxDepth
                        + " levels (aliases included); flatten it", node.getStartMark());
            }
        }

        private static long utf8Length(String text) {
            long bytes = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            return bytes;
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }

    /**
     * Where a value sits, written out only when a problem names it: aliases can repeat a long key
     * above many values, and one path string per value would hold gigabytes.
     */
    private record Where(Where parent, String key, int index) {
        static final Where ROOT = new Where(null, null, -1);

        Where child(String name) {
            return new Where(this, name, -1);
        }

        Where item(int position) {
            return new Where(this, null, position);
        }

        String path() {
            if (parent == null) {
                return "";
            }
            String above = parent.path();
            if (key == null) {
                return above + "[" + index + "]";
            }
            return above.isEmpty() ? key : above + "." + key;
        }
    }

    /** Builds the plain values, collecting the problems met. */
    private static final class Builder {
        private final Set<ValidationProblem> problems = new LinkedHashSet<>();
        private final PlainScalars scalars = new PlainScalars();
        private long unlisted;

        Object build(Node node, Where where) {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, where);
            }
            if (node instanceof SequenceNode sequence) {
                return sequence(sequence, where);
            }
            return mapping((MappingNode) node, where);
        }

        List<ValidationProblem> problems() {
            List<ValidationProblem> listed = new ArrayList<>(problems);
            if (unlisted > 0) {
                listed.add(ValidationProblem.error("", unlisted + " more problems like these are not listed (at most "
                        + MAX_PROBLEMS + " are); fix the ones above and validate again"));
            }
            return listed;
        }

        private Object scalar(ScalarNode node, Where where) {
            Tag tag = node.getTag();
            if (TEXT_TAGS.contains(tag)) {
                return node.getValue();
            }
            if (!VALUE_TAGS.contains(tag)) {
                unsupported(tag, node, where);
                return null;
            }
            String written = node.getValue();
            if (NUMBER_TAGS.contains(tag) && written.length() > MAX_NUMBER_LENGTH) {
                problem(where, "a number longer than " + MAX_NUMBER_LENGTH + " characters is not supported; "
                        + "quote it to keep it as text", node);
                return null;
            }
            if (NUMBER_TAGS.contains(tag) && written.indexOf(':') >= 0) {
                // YAML 1.1 reads 1:00:00 as 3600 (and SnakeYAML wraps it past 32 bits); YAML 1.2 and
                // most readers of the same file see text. Neither reading is what was meant.
                problem(where, "'" + Printable.path(written) + "' is a base-60 (sexagesimal) number in YAML 1.1, "
                        + "which YAML readers disagree on; write it as a decimal number, or quote it ('"
                        + Printable.path(written) + "') to keep it as text", node);
                return null;
            }
            Object value;
            try {
                value = scalars.construct(node);
            } catch (RuntimeException e) {
                value = null;
            }
            if (value == null && !tag.equals(Tag.NULL)) {
                problem(where, "'" + Printable.path(written) + "' is not a valid " + display(tag)
                        + "; fix the value or remove the tag", node);
            }
            if (value instanceof Double number && number.isInfinite() && !written.toLowerCase(Locale.ROOT).contains("inf")) {
                problem(where, "'" + Printable.path(written) + "' is too large for a number and would become "
                        + "infinity; write a smaller number, .inf if infinity is meant, or quote it to keep it as text",
                        node);
                return null;
            }
            return value;
        }

        private List<Object> sequence(SequenceNode node, Where where) {
            if (!node.getTag().equals(Tag.SEQ)) {
                unsupported(node.getTag(), node, where);
                return List.of();
            }
            List<Object> list = new ArrayList<>(node.getValue().size());
            for (int i = 0; i < node.getValue().size(); i++) {
                list.add(build(node.getValue().get(i), where.item(i)));
            }
            return list;
        }

        private Map<String, Object> mapping(MappingNode node, Where where) {
            if (!node.getTag().equals(Tag.MAP)) {
                unsupported(node.getTag(), node, where);
                return Map.of();
            }
            Map<String, Object> map = new LinkedHashMap<>();
            Map<String, Mark> firstSeen = new HashMap<>();
            List<MappingNode> mergeSources = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode.getTag().equals(Tag.MERGE)) {
                    addMergeSources(tuple.getValueNode(), where, mergeSources);
                    continue;
                }
                if (!(keyNode instanceof ScalarNode key)) {
                    problem(where, "a mapping key must be plain text, not a mapping or list", keyNode);
                    continue;
                }
                if (!TEXT_TAGS.contains(key.getTag()) && !VALUE_TAGS.contains(key.getTag())) {
                    unsupported(key.getTag(), key, where);
                    continue;
                }
                String name = key.getValue();
                Mark first = firstSeen.putIfAbsent(name, key.getStartMark());
                if (first != null) {
                    problem(where.child(name), "duplicate key '" + Printable.path(name) + "' (first at "
                            + YamlConfigDecoder.position(first) + "); keys must be unique in a mapping: remove one",
                            key);
                    continue;
                }
                map.put(name, build(tuple.getValueNode(), where.child(name)));
            }
            // YAML merge keys: explicit keys win, then earlier merge sources over later ones.
            for (MappingNode source : mergeSources) {
                mapping(source, where).forEach(map::putIfAbsent);
            }
            return map;
        }

        private void addMergeSources(Node value, Where where, List<MappingNode> sources) {
            if (value instanceof MappingNode mapping) {
                sources.add(mapping);
                return;
            }
            if (value instanceof SequenceNode sequence
                    && sequence.getValue().stream().allMatch(MappingNode.class::isInstance)) {
                sequence.getValue().forEach(item -> sources.add((MappingNode) item));
                return;
            }
            problem(where, "a merge key (<<) takes a mapping or a list of mappings", value);
        }

        private void unsupported(Tag tag, Node node, Where where) {
            problem(where, "the tag " + display(tag) + " is not supported: only plain values (text, numbers, "
                    + "booleans, null, mappings and lists) may appear; remove the tag", node);
        }

        private void problem(Where where, String message, Node node) {
            if (problems.size() >= MAX_PROBLEMS) {
                unlisted++;
                return;
            }
            problems.add(ValidationProblem.error(Printable.path(where.path()), message)
                    .at(YamlConfigDecoder.position(node.getStartMark())));
        }

        private static String display(Tag tag) {
            String value = tag.getValue();
            return value.startsWith(YAML_TAG_PREFIX) ? "!!" + value.substring(YAML_TAG_PREFIX.length())
                    : Printable.path(value);
        }
    }

    /** SnakeYAML's own reading of core scalars (ints in every YAML 1.1 notation, floats, booleans, null). */
    private static final class PlainScalars extends SafeConstructor {

        PlainScalars() {
            super(new LoaderOptions());
        }

        Object construct(ScalarNode node) {
            return yamlConstructors.get(node.getTag()).construct(node);
        }
    }
}
