package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearMissTest {

    private static final List<String> KNOWN = List.of("enabled", "priority", "endpoint", "url", "tags", "config");

    @Test
    void typosSwapsAndWrongCaseFindTheKnownKey() {
        assertEquals(Optional.of("enabled"), NearMiss.of("enabeld", KNOWN));
        assertEquals(Optional.of("enabled"), NearMiss.of("enable", KNOWN));
        assertEquals(Optional.of("enabled"), NearMiss.of("ENABLED", KNOWN));
        assertEquals(Optional.of("priority"), NearMiss.of("priorty", KNOWN));
        assertEquals(Optional.of("endpoint"), NearMiss.of("endpiont", KNOWN));
        assertEquals(Optional.of("tags"), NearMiss.of("tagz", KNOWN));
        assertEquals(Optional.of("url"), NearMiss.of("URL", KNOWN));
    }

    @Test
    void knownKeysShortKeysAndDistantKeysAreNoNearMiss() {
        for (String key : List.of("enabled", "uri", "tag", "configmap_name", "prometheus_url", "timeout", "labels",
                "enabled_by_default")) {
            assertEquals(Optional.empty(), NearMiss.of(key, KNOWN), key);
        }
    }
}
