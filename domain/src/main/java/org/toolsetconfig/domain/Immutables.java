package org.toolsetconfig.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, order-keeping, null-tolerant copies of the maps and lists a YAML document is made of. */
final class Immutables {

    private Immutables() {
    }

    static Map<String, Object> deepCopy(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, source.size() * 2));
        source.forEach((key, value) -> copy.put(String.valueOf(key), freeze(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            return deepCopy((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(freeze(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
