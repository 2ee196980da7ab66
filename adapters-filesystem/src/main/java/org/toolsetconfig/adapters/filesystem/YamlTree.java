package org.toolsetconfig.adapters.filesystem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * limit, and aliases that would expand the document by more than the budget.
 */
final class YamlTree {

    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";
    private static final Set<Tag> NUMBER_TAGS = Set.of(Tag.INT, Tag.FLOAT);
    private static final Set<Tag> VALUE_TAGS = Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);
    private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.TIMESTAMP, Tag.MERGE);
    // Numbers longer than this are refused: parsing a huge BigInteger is quadratic.
    private static final int MAX_NUMBER_LENGTH = 64;

    private final Object value;
    private final Map<String, SourcePosition> positions;
    private final List<ValidationProblem> problems;

    private YamlTree(Object value, Map<String, SourcePosition> positions, List<ValidationProblem> problems) {
        this.value = value;
        this.positions = positions;
        this.problems = List.copyOf(problems);
    }

    /**
     * The tree of {@code root}: refused when nesting (aliases included) goes past {@code maxDepth}
     * collections, or when aliases add more than {@code expansionBudget} values.
     */
    static YamlTree of(Node root, int maxDepth, long expansionBudget) {
        Measure measure = new Measure(maxDepth);
        try {
            measure.visit(root, 0);
        } catch (Refused refused) {
            return new YamlTree(null, Map.of(), List.of(refused.problem));
        }
        long expanded = measure.sizes.get(root)[0];
        long added = expanded - measure.sizes.size();
        if (added > expansionBudget) {
            return new YamlTree(null, Map.of(), List.of(ValidationProblem.error("", "aliases expand the document by "
                    + "more than " + expansionBudget + " values (a 'billion laughs' document?); write the values "
                    + "out or use fewer aliases").at(YamlConfigDecoder.position(root.getStartMark()))));
        }
        Builder builder = new Builder();
        Object value = builder.build(root, "");
        return new YamlTree(value, builder.positions, new ArrayList<>(builder.problems));
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
     * the entry that lacks it); unknown for the document as a whole.
     */
    SourcePosition positionOf(String path) {
        String current = path;
        while (!current.isEmpty()) {
            SourcePosition found = positions.get(current);
            if (found != null) {
                return found;
            }
            current = current.substring(0, Math.max(0, Math.max(current.lastIndexOf('.'), current.lastIndexOf('['))));
        }
        return SourcePosition.UNKNOWN;
    }

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ValidationProblem problem;

        Refused(String message, Mark mark) {
            super(message, null, false, false);
            this.problem = ValidationProblem.error("", message).at(YamlConfigDecoder.position(mark));
        }
    }

    /** Expanded size and collection height of every distinct node, each computed once. */
    private static final class Measure {
        private final int maxDepth;
        private final Map<Node, long[]> sizes = new IdentityHashMap<>();
        private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());

        Measure(int maxDepth) {
            this.maxDepth = maxDepth;
        }

        /** Returns {expanded size, height in collections}; {@code depth} counts collections above. */
        long[] visit(Node node, int depth) throws Refused {
            long[] known = sizes.get(node);
            if (known != null) {
                checkDepth(depth + known[1], node);
                return known;
            }
            if (node instanceof ScalarNode) {
                long[] scalar = {1, 0};
                sizes.put(node, scalar);
                return scalar;
            }
            checkDepth(depth + 1, node);
            if (!onPath.add(node)) {
                throw new Refused("an alias refers to a mapping or list that contains it; a recursive structure "
                        + "cannot be a configuration", node.getStartMark());
            }
            long size = 1;
            long height = 0;
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
                long[] measured = visit(child, depth + 1);
                size = saturatedAdd(size, measured[0]);
                height = Math.max(height, measured[1]);
            }
            onPath.remove(node);
            long[] result = {size, height + 1};
            sizes.put(node, result);
            return result;
        }

        private void checkDepth(long depth, Node node) throws Refused {
            if (depth > maxDepth) {
                throw new Refused("the document nests mappings and lists deeper than " + maxDepth
                        + " levels (aliases included); flatten it", node.getStartMark());
            }
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }

    /** Builds the plain values, recording positions by path and every problem met. */
    private static final class Builder {
        private final Map<String, SourcePosition> positions = new HashMap<>();
        private final Set<ValidationProblem> problems = new LinkedHashSet<>();
        private final PlainScalars scalars = new PlainScalars();

        Object build(Node node, String path) {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, path);
            }
            if (node instanceof SequenceNode sequence) {
                return sequence(sequence, path);
            }
            return mapping((MappingNode) node, path);
        }

        private Object scalar(ScalarNode node, String path) {
            Tag tag = node.getTag();
            if (TEXT_TAGS.contains(tag)) {
                return node.getValue();
            }
            if (!VALUE_TAGS.contains(tag)) {
                unsupported(tag, node, path);
                return null;
            }
            if (NUMBER_TAGS.contains(tag) && node.getValue().length() > MAX_NUMBER_LENGTH) {
                problem(path, "a number longer than " + MAX_NUMBER_LENGTH + " characters is not supported; "
                        + "quote it to keep it as text", node);
                return null;
            }
            Object value;
            try {
                value = scalars.construct(node);
            } catch (RuntimeException e) {
                value = null;
            }
            if (value == null && !tag.equals(Tag.NULL)) {
                problem(path, "'" + clip(node.getValue()) + "' is not a valid " + display(tag)
                        + "; fix the value or remove the tag", node);
            }
            return value;
        }

        private List<Object> sequence(SequenceNode node, String path) {
            if (!node.getTag().equals(Tag.SEQ)) {
                unsupported(node.getTag(), node, path);
                return List.of();
            }
            List<Object> list = new ArrayList<>(node.getValue().size());
            for (int i = 0; i < node.getValue().size(); i++) {
                Node item = node.getValue().get(i);
                String itemPath = path + "[" + i + "]";
                positions.putIfAbsent(itemPath, YamlConfigDecoder.position(item.getStartMark()));
                list.add(build(item, itemPath));
            }
            return list;
        }

        private Map<String, Object> mapping(MappingNode node, String path) {
            if (!node.getTag().equals(Tag.MAP)) {
                unsupported(node.getTag(), node, path);
                return Map.of();
            }
            Map<String, Object> map = new LinkedHashMap<>();
            Map<String, Mark> firstSeen = new HashMap<>();
            List<MappingNode> mergeSources = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode.getTag().equals(Tag.MERGE)) {
                    addMergeSources(tuple.getValueNode(), path, mergeSources);
                    continue;
                }
                if (!(keyNode instanceof ScalarNode key)) {
                    problem(path, "a mapping key must be plain text, not a mapping or list", keyNode);
                    continue;
                }
                if (!TEXT_TAGS.contains(key.getTag()) && !VALUE_TAGS.contains(key.getTag())) {
                    unsupported(key.getTag(), key, path);
                    continue;
                }
                String name = key.getValue();
                String childPath = path.isEmpty() ? name : path + "." + name;
                Mark first = firstSeen.putIfAbsent(name, key.getStartMark());
                if (first != null) {
                    problem(childPath, "duplicate key '" + clip(name) + "' (first at "
                            + YamlConfigDecoder.position(first) + "); keys must be unique in a mapping: remove one",
                            key);
                    continue;
                }
                positions.putIfAbsent(childPath, YamlConfigDecoder.position(key.getStartMark()));
                map.put(name, build(tuple.getValueNode(), childPath));
            }
            // YAML merge keys: explicit keys win, then earlier merge sources over later ones.
            for (MappingNode source : mergeSources) {
                mapping(source, path).forEach(map::putIfAbsent);
            }
            return map;
        }

        private void addMergeSources(Node value, String path, List<MappingNode> sources) {
            if (value instanceof MappingNode mapping) {
                sources.add(mapping);
                return;
            }
            if (value instanceof SequenceNode sequence
                    && sequence.getValue().stream().allMatch(MappingNode.class::isInstance)) {
                sequence.getValue().forEach(item -> sources.add((MappingNode) item));
                return;
            }
            problem(path, "a merge key (<<) takes a mapping or a list of mappings", value);
        }

        private void unsupported(Tag tag, Node node, String path) {
            problem(path, "the tag " + display(tag) + " is not supported: only plain values (text, numbers, "
                    + "booleans, null, mappings and lists) may appear; remove the tag", node);
        }

        private void problem(String path, String message, Node node) {
            problems.add(ValidationProblem.error(path, message).at(YamlConfigDecoder.position(node.getStartMark())));
        }

        private static String display(Tag tag) {
            String value = tag.getValue();
            return value.startsWith(YAML_TAG_PREFIX) ? "!!" + value.substring(YAML_TAG_PREFIX.length()) : clip(value);
        }

        private static String clip(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().limit(64).forEach(c -> {
                if (Character.isISOControl(c)) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.appendCodePoint(c);
                }
            });
            return text.codePointCount(0, text.length()) > 64 ? out + "…" : out.toString();
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
