package org.toolsetconfig.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a toolset's URLs are (DESIGN B11): its explicit {@code endpoint}, then every string under a
 * settings key that is {@code url}, {@code endpoint} or ends in {@code _url}/{@code Url}, at any depth
 * and through lists. HolmesGPT keeps them there ({@code config.prometheus_url}, {@code config.url},
 * {@code clusters[].management_url}). Values are as written: they may hold {@code {{ env.NAME }}}
 * references, and a value that is no URL at all is the reader's to skip.
 */
public final class ToolsetUrls {

    /** One URL-valued entry: where it is ({@code endpoint}, {@code config.prometheus_url}, …) and its text. */
    public record Entry(String path, String value) {
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    private ToolsetUrls() {
    }

    /** The toolset's URL entries, the explicit endpoint first, then the settings in their order. */
    public static List<Entry> of(Toolset toolset) {
        List<Entry> found = new ArrayList<>();
        toolset.endpoint().ifPresent(uri -> found.add(new Entry("endpoint", uri.toString())));
        collect("", toolset.settings(), false, found);
        return List.copyOf(found);
    }

    static boolean isUrlKey(String key) {
        return key.equals("url") || key.equals("endpoint") || key.endsWith("_url") || key.endsWith("Url");
    }

    private static void collect(String path, Object node, boolean underUrlKey, List<Entry> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String name = String.valueOf(key);
                collect(path.isEmpty() ? name : path + "." + name, value, isUrlKey(name), found);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(path + "[" + i + "]", list.get(i), underUrlKey, found);
            }
        } else if (underUrlKey && node instanceof String text && !text.isBlank()) {
            found.add(new Entry(path, text.strip()));
        }
    }
}
