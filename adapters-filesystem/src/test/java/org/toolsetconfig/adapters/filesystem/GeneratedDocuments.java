package org.toolsetconfig.adapters.filesystem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.toolsetconfig.domain.ToolsetDocument;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Generators of configuration documents for the property tests: valid documents of both forms (a
 * tree and its YAML), the same documents mutated (fields changed, deleted, duplicated, retyped,
 * names broken, lines duplicated, dropped, cut or re-indented), random YAML token soup, and random
 * bytes. Mutations draw from a {@link Random} that jqwik seeds, so every failure is reproducible
 * from the seed jqwik prints.
 */
final class GeneratedDocuments {

    private static final Set<String> FIELDS = Set.of("name", "enabled", "priority", "endpoint");
    private static final List<String> KNOWN_NAMES = List.of("kubernetes/core", "prometheus/metrics", "grafana/loki",
            "aws/s3", "internet", "kubernetes/logs", "datadog.apm", "argo_cd-1");
    /** Text an attacker or a careless operator might put anywhere. */
    static final List<String> HOSTILE_TEXT = List.of("", " ", "..", "../../etc/passwd", "a..", "-a", "a-", "a b",
            "a\u0000b", "a\nb", "a\tb", "x".repeat(200), "y".repeat(5000), "kubernetes\\core", "ｋｕｂｅ", "a/", "/a",
            "%00", "%2e%2e", "${jndi:ldap://127.0.0.1/a}", "<script>", "'; DROP TABLE x; --", "\u202Eevil",
            "😀", "\uFEFFbom", "!!java.lang.Runtime", "*alias", "&anchor", "~", "null", "yes", "0x1F", "1e400",
            "-.inf", ".nan", "2024-01-01", "<<");
    private static final List<String> TOKENS = List.of("-", "- ", ":", ": ", "? ", "[", "]", "{", "}", ",", "&a ",
            "*a", "&b ", "*b", "!!str ", "!!int ", "!!map ", "!!seq ", "!!binary ", "!!python/object:os.system ",
            "!!javax.script.ScriptEngineManager ", "!local ", "!<tag:example.com,2000:x> ", "|", ">", "|-", ">+",
            "'", "\"", "#", "---", "...", "%YAML 1.2", "%TAG ! tag:yaml.org,2002:", "<<: ", "discovered:",
            "toolsets:", "overrides:", "name: ", "enabled: ", "priority: ", "endpoint: ", "true", "false", "yes",
            "~", "null", "42", "-7", "0x1F", "0o17", "1_000", ".inf", "1e5", "kubernetes/core", "\t", "\\",
            "\u00e9", "\u3042", "😀", "\r", "\r\n", "\u0085", "\u2028", " ", "  ", "    ", "\n", "\n  ", "\n    ");

    private GeneratedDocuments() {
    }

    /** A valid document: the tree a YAML parser should read back, and its YAML text. */
    record Valid(Map<String, Object> tree, String yaml) {
        byte[] bytes() {
            return yaml.getBytes(StandardCharsets.UTF_8);
        }
    }

    // ---- valid documents ----

    static Arbitrary<String> toolsetNames() {
        Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> generated = Combinators.combine(segment, Arbitraries.of("", ".", "_", "-", "/", "/", "--"),
                segment).as((a, separator, b) -> separator.isEmpty() ? a : a + separator + b);
        return Arbitraries.oneOf(Arbitraries.of(KNOWN_NAMES), generated);
    }

    // Settings are drawn from a jqwik-seeded Random rather than nested jqwik maps: the combinators
    // cost about 5 ms a document, the Random microseconds, and the seed still reproduces a failure.
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + " -_./:#&*!|>%@'\"{}[],?\\=~";
    private static final String UNICODE = "\u00c0\u00e9\u00ff\u00df\u3041\u3042\u3096\u4e2d\u6587\t\n ";
    private static final List<String> TRICKY = List.of("yes", "no", "on", "off", "~", "null", "0x1F", "1_000",
            "2024-01-01", "12:30:00", ".inf", "-.nan", "<<", "=", "!tag", "&x", "*x", "- a", "a: b", "# comment",
            "'q'", "\"q\"", "", " lead", "trail ", "\ttab");
    private static final List<String> SETTING_KEYS = List.of("timeout_seconds", "region", "labels", "api_key_ref",
            "url", "headers", "retries", "namespace");

    static String text(Random random) {
        int kind = random.nextInt(9);
        if (kind == 0) {
            return pick(TRICKY, random);
        }
        String alphabet = kind <= 2 ? UNICODE : PLAIN;
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(kind <= 2 ? 16 : 24); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static Object scalar(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> text(random);
            case 4, 5 -> random.nextInt(2_000_001) - 1_000_000;
            case 6 -> 3_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % (Long.MAX_VALUE - 3_000_000_000L);
            case 7 -> Math.round((random.nextDouble() - 0.5) * 2e9) / 1000.0;
            case 8 -> random.nextBoolean();
            default -> null;
        };
    }

    private static String settingKey(Random random) {
        String key = random.nextInt(3) == 0 ? pick(SETTING_KEYS, random) : text(random);
        key = key.isEmpty() || FIELDS.contains(key) ? "k" + key : key;
        // A near miss of a known key ('enabeld', 'urL#') is a did-you-mean error, not a setting:
        // the domain says which, so a valid document never gets one.
        return isNearMiss(key) ? settingKey(random) : key;
    }

    private static boolean isNearMiss(String key) {
        return ToolsetDocument.fromTree(Map.of("toolsets", Map.of("a", Map.of("enabled", true, key, 0))))
                .hasErrors();
    }

    private static Object value(Random random, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(8);
        if (kind == 6) {
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                list.add(value(random, depth - 1));
            }
            return list;
        }
        if (kind == 7) {
            return settings(random, depth - 1, 4);
        }
        return scalar(random);
    }

    private static Map<String, Object> settings(Random random, int depth, int maxSize) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(maxSize + 1); i > 0; i--) {
            map.put(settingKey(random), value(random, depth));
        }
        return map;
    }

    private static Arbitrary<String> endpoints() {
        return Combinators.combine(Arbitraries.of("http", "https", "HTTPS"),
                Arbitraries.of("prometheus.monitoring.svc", "127.0.0.1", "grafana", "[::1]", "loki.example.com"),
                Arbitraries.of("", ":9090", ":3100", ":443"),
                Arbitraries.of("", "/", "/api/v1", "/a%20b?x=1#f"))
                .as((scheme, host, port, path) -> scheme + "://" + host + port + path);
    }

    /** The fields of one toolset (without its name): enabled, priority, endpoint and settings, each optional. */
    private static Arbitrary<Map<String, Object>> fields() {
        return Combinators.combine(
                Arbitraries.of(true, true, false).injectNull(0.1),
                Arbitraries.integers().between(-1000, 1000).injectNull(0.4),
                endpoints().injectNull(0.6),
                Arbitraries.randoms().map(random -> settings(random, 2, 4)))
                .as((enabled, priority, endpoint, settings) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    if (enabled != null) {
                        fields.put("enabled", enabled);
                    }
                    if (priority != null) {
                        fields.put("priority", priority);
                    }
                    if (endpoint != null) {
                        fields.put("endpoint", endpoint);
                    }
                    fields.putAll(settings);
                    return fields;
                });
    }

    private static Arbitrary<Map<String, Object>> overrideFields() {
        return Combinators.combine(Arbitraries.of(true, false).injectNull(0.5),
                Arbitraries.integers().between(-50, 50).injectNull(0.5),
                Arbitraries.randoms().map(random -> settings(random, 1, 2)))
                .as((enabled, priority, settings) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    if (enabled != null) {
                        fields.put("enabled", enabled);
                    }
                    if (priority != null) {
                        fields.put("priority", priority);
                    }
                    fields.putAll(settings);
                    return fields;
                });
    }

    /** Valid documents of both forms, rendered in block or flow style. */
    static Arbitrary<Valid> valid() {
        Arbitrary<List<String>> names = toolsetNames().list().uniqueElements().ofMinSize(1).ofMaxSize(6);
        Arbitrary<List<Map<String, Object>>> fieldLists = fields().list().ofSize(6);
        Arbitrary<List<Map<String, Object>>> overrideLists = overrideFields().injectNull(0.6).list().ofSize(6);
        Arbitrary<DumperOptions.FlowStyle> style = Arbitraries.of(DumperOptions.FlowStyle.BLOCK,
                DumperOptions.FlowStyle.BLOCK, DumperOptions.FlowStyle.FLOW, DumperOptions.FlowStyle.AUTO);
        return Combinators.combine(names, fieldLists, overrideLists, Arbitraries.of(true, false), style,
                Arbitraries.integers().between(2, 4)).as((nameList, fieldList, overrideList, discovered, flow, indent) -> {
                    Map<String, Object> tree = new LinkedHashMap<>();
                    List<Object> entries = new ArrayList<>();
                    Map<String, Object> byName = new LinkedHashMap<>();
                    Map<String, Object> overrides = new LinkedHashMap<>();
                    for (int i = 0; i < nameList.size(); i++) {
                        Map<String, Object> fields = new LinkedHashMap<>(fieldList.get(i));
                        if (i == 0) {
                            fields.put("enabled", true); // at least one toolset stays enabled
                        }
                        if (discovered) {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("name", nameList.get(i));
                            entry.putAll(fields);
                            entries.add(entry);
                            Map<String, Object> override = overrideList.get(i);
                            if (override != null) {
                                Map<String, Object> kept = new LinkedHashMap<>(override);
                                if (i == 0) {
                                    kept.remove("enabled");
                                }
                                overrides.put(nameList.get(i), kept);
                            }
                        } else {
                            byName.put(nameList.get(i), fields);
                        }
                    }
                    if (discovered) {
                        tree.put("discovered", entries);
                        if (!overrides.isEmpty()) {
                            tree.put("overrides", overrides);
                        }
                    } else {
                        tree.put("toolsets", byName);
                    }
                    return new Valid(tree, dump(tree, flow, indent));
                });
    }

    static String dump(Object tree, DumperOptions.FlowStyle flow, int indent) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(flow);
        options.setIndent(indent);
        options.setAllowUnicode(true);
        options.setWidth(80);
        return new Yaml(options).dump(tree);
    }

    // ---- mutated documents ----

    /** Valid documents with one to four mutations, of the tree and then of the text. */
    static Arbitrary<byte[]> mutated() {
        return Combinators.combine(valid(), Arbitraries.randoms(), Arbitraries.integers().between(1, 4))
                .as((document, random, count) -> mutate(document, random, count));
    }

    @SuppressWarnings("unchecked")
    static byte[] mutate(Valid document, Random random, int count) {
        Object tree = deepCopy(document.tree());
        List<String> textMutations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(12)) {
                case 0 -> deleteAKey(tree, random);
                case 1 -> changeAValue(tree, random, false);
                case 2 -> changeAValue(tree, random, true);
                case 3 -> breakAName(tree, random);
                case 4 -> duplicateAToolset(tree, random);
                case 5 -> {
                    if (tree instanceof Map<?, ?> top) {
                        ((Map<String, Object>) top).put(random.nextBoolean() ? "toolsets" : "discovered",
                                randomValue(random, 2));
                    }
                }
                case 6 -> tree = random.nextBoolean() ? singleton(tree) : randomValue(random, 0);
                case 7 -> disableEverything(tree);
                default -> textMutations.add("text");
            }
        }
        String yaml = tree instanceof Map<?, ?> || tree instanceof List<?>
                ? dump(tree, random.nextBoolean() ? DumperOptions.FlowStyle.BLOCK : DumperOptions.FlowStyle.FLOW,
                2 + random.nextInt(3))
                : String.valueOf(tree);
        for (int i = 0; i < textMutations.size(); i++) {
            yaml = mutateText(yaml, random);
        }
        return yaml.getBytes(StandardCharsets.UTF_8);
    }

    private static String mutateText(String yaml, Random random) {
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (random.nextInt(9)) {
            case 0 -> lines.add(at, lines.get(at)); // duplicated line: duplicate keys, repeated items
            case 1 -> lines.remove(at);
            case 2 -> {
                int other = random.nextInt(lines.size());
                String line = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, line);
            }
            case 3 -> {
                return yaml.substring(0, random.nextInt(yaml.length() + 1)); // truncated mid-write
            }
            case 4 -> lines.set(at, " ".repeat(1 + random.nextInt(3)) + lines.get(at));
            case 5 -> lines.set(at, lines.get(at).stripLeading());
            case 6 -> lines.set(at, "\t" + lines.get(at));
            case 7 -> {
                String line = lines.get(at);
                int position = random.nextInt(line.length() + 1);
                lines.set(at, line.substring(0, position) + pick(TOKENS, random) + line.substring(position));
            }
            default -> {
                // a repeated block: the same keys twice at the same level
                int end = Math.min(lines.size(), at + 1 + random.nextInt(4));
                lines.addAll(end, new ArrayList<>(lines.subList(at, end)));
            }
        }
        return String.join("\n", lines);
    }

    @SuppressWarnings("unchecked")
    private static void deleteAKey(Object tree, Random random) {
        List<Map<String, Object>> maps = new ArrayList<>();
        collectMaps(tree, maps);
        Map<String, Object> map = pick(maps, random);
        if (map != null && !map.isEmpty()) {
            map.remove(pick(new ArrayList<>(map.keySet()), random));
        }
    }

    @SuppressWarnings("unchecked")
    private static void changeAValue(Object tree, Random random, boolean retype) {
        List<Map<String, Object>> maps = new ArrayList<>();
        collectMaps(tree, maps);
        Map<String, Object> map = pick(maps, random);
        if (map == null || map.isEmpty()) {
            return;
        }
        String key = pick(new ArrayList<>(map.keySet()), random);
        Object old = map.get(key);
        map.put(key, retype ? deepCopy(retyped(old, random)) : randomValue(random, 2));
    }

    private static Object retyped(Object value, Random random) {
        if (value instanceof Boolean b) {
            return pick(List.of(b.toString(), b ? "yes" : "no", b ? 1 : 0, List.of(b)), random);
        }
        if (value instanceof Integer n) {
            return pick(List.<Object>of(n.toString(), n + 0.5, (long) Integer.MAX_VALUE + 1 + Math.abs(n),
                    new java.math.BigInteger("9".repeat(30)), List.of(n)), random);
        }
        if (value instanceof String s) {
            return pick(List.<Object>of(s.length(), Map.of("value", s), List.of(s), true), random);
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return pick(List.<Object>of("a list or map was here", 7, false), random);
        }
        return pick(List.<Object>of("", 0, Map.of()), random);
    }

    @SuppressWarnings("unchecked")
    private static void breakAName(Object tree, Random random) {
        if (!(tree instanceof Map<?, ?> top)) {
            return;
        }
        Object bad = random.nextInt(5) == 0 ? randomValue(random, 1) : pick(HOSTILE_TEXT, random);
        if (top.get("discovered") instanceof List<?> list && !list.isEmpty()
                && list.get(random.nextInt(list.size())) instanceof Map<?, ?> entry) {
            ((Map<String, Object>) entry).put("name", bad);
        } else if (top.get("toolsets") instanceof Map<?, ?> byName && !byName.isEmpty()) {
            Map<String, Object> renamed = new LinkedHashMap<>();
            String victim = (String) pick(new ArrayList<>(byName.keySet()), random);
            byName.forEach((key, value) -> renamed.put(key.equals(victim) ? String.valueOf(bad) : (String) key, value));
            ((Map<String, Object>) top).put("toolsets", renamed);
        }
    }

    @SuppressWarnings("unchecked")
    private static void duplicateAToolset(Object tree, Random random) {
        if (tree instanceof Map<?, ?> top && top.get("discovered") instanceof List<?> list && !list.isEmpty()) {
            ((List<Object>) list).add(deepCopy(list.get(random.nextInt(list.size()))));
        }
    }

    @SuppressWarnings("unchecked")
    private static void disableEverything(Object tree) {
        List<Map<String, Object>> maps = new ArrayList<>();
        collectMaps(tree, maps);
        maps.stream().filter(map -> map.containsKey("enabled")).forEach(map -> map.put("enabled", false));
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> pick(HOSTILE_TEXT, random);
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * 1e6;
            case 4 -> random.nextBoolean();
            case 5 -> null;
            case 6 -> Integer.toString(random.nextInt(100));
            case 7 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(pick(List.of("name", "enabled", "priority", "endpoint", "x", "kubernetes/core",
                            "toolsets", "discovered"), random), randomValue(random, depth - 1));
                }
                yield map;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static void collectMaps(Object node, List<Map<String, Object>> maps) {
        if (node instanceof Map<?, ?> map) {
            maps.add((Map<String, Object>) map);
            map.values().forEach(value -> collectMaps(value, maps));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectMaps(item, maps));
        }
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), deepCopy(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return copy;
        }
        return node;
    }

    private static List<Object> singleton(Object item) {
        List<Object> list = new ArrayList<>();
        list.add(item);
        return list;
    }

    private static <T> T pick(List<T> items, Random random) {
        return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
    }

    // ---- random YAML and random bytes ----

    /** YAML-looking token soup: every indicator, tag, anchor, directive and indentation YAML has. */
    static Arbitrary<byte[]> randomYaml() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(TOKENS),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8));
        return token.list().ofMaxSize(120).map(tokens -> String.join("", tokens).getBytes(StandardCharsets.UTF_8));
    }

    /** Random bytes, and valid documents with random bytes written into them (NULs, bad UTF-8, controls). */
    static Arbitrary<byte[]> randomBytes() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> corrupted = Combinators.combine(valid(), Arbitraries.randoms()).as((document, random) -> {
            byte[] bytes = document.bytes();
            for (int flips = 1 + random.nextInt(4); flips > 0 && bytes.length > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            return bytes;
        });
        return Arbitraries.oneOf(noise, corrupted);
    }
}
