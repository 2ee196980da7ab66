package org.toolsetconfig.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key an unknown one was probably meant to be: a typo, a swapped pair, a wrong case. */
final class NearMiss {

    private NearMiss() {
    }

    /**
     * The closest of {@code known} within a small edit distance of {@code key}, ignoring case. The
     * bound is one edit for known keys of up to five letters and two for longer ones, and keys of
     * fewer than four letters only match by case, so short free-form keys ({@code uri}, {@code tag})
     * stay settings.
     */
    static Optional<String> of(String key, List<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (candidate.equals(key)) {
                return Optional.empty();
            }
            int bound = lower.equals(candidate) ? 0 : key.length() < 4 ? -1 : candidate.length() <= 5 ? 1 : 2;
            int distance = distance(lower, candidate, bound);
            if (distance <= bound && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance (a swap of neighbours is one edit), or more than {@code bound}. */
    private static int distance(String a, String b, int bound) {
        if (Math.abs(a.length() - b.length()) > bound) {
            return bound + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
