package org.toolsetconfig.adapters.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The first {@code cap} distinct values of one label keep their own value, every later one becomes
 * {@code overflow}. Exact under concurrency; a known value costs one map read.
 */
final class BoundedLabels {

    private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int cap;
    private final String overflow;
    private final Consumer<String> onAdmit;

    BoundedLabels(int cap, String overflow, Consumer<String> onAdmit) {
        this.cap = cap;
        this.overflow = overflow;
        this.onAdmit = onAdmit;
    }

    /** The label for {@code value}: itself when admitted (now or before), else the overflow value. */
    String label(String value) {
        String known = admitted.get(value);
        if (known != null) {
            return known;
        }
        if (count.get() >= cap) {
            return overflow;
        }
        // computeIfAbsent runs at most once per absent key, so the count, the cap and onAdmit stay exact.
        String label = admitted.computeIfAbsent(value, key -> {
            if (count.incrementAndGet() > cap) {
                count.decrementAndGet();
                return null;
            }
            onAdmit.accept(key);
            return key;
        });
        return label == null ? overflow : label;
    }

    /** How many distinct values have their own label. */
    int admittedCount() {
        return count.get();
    }
}
