package org.toolsetconfig.application.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfigSourceTest {

    @Test
    void aSizeLimitFrom1ToTheArrayBoundIsKept() {
        assertEquals(1, ConfigSource.requireMaxBytes(1));
        assertEquals(ConfigSource.MAX_BYTES_LIMIT, ConfigSource.requireMaxBytes(ConfigSource.MAX_BYTES_LIMIT));
    }

    @Test
    void aSizeLimitOutsideTheRangeIsRefusedWithTheValue() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ConfigSource.requireMaxBytes(0));
        assertTrue(zero.getMessage().endsWith("was 0"), zero::getMessage);
        assertThrows(IllegalArgumentException.class, () -> ConfigSource.requireMaxBytes(ConfigSource.MAX_BYTES_LIMIT + 1));
    }
}
