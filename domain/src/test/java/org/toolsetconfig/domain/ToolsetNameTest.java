package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolsetNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes/core", "prometheus/metrics", "a", "grafana.loki_v2-x", "9"})
    void acceptsNamesOfTheAllowedShape(String value) {
        assertEquals(value, ToolsetName.of(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/core", "core/", "-x", "x-", "kube core", "kube\u0000core", "ünïcode", "a..b/", "a/../b",
        "a/..", "a//b", "a/.b", "a./b", "a/-b", "a..b"})
    void refusesNamesOutsideTheAllowedShape(String value) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> ToolsetName.of(value));
        assertTrue(e.getMessage().contains("toolset name"), e.getMessage());
    }

    @Test
    void refusesNamesLongerThan128CharactersAndSaysTheLimit() {
        assertEquals(128, ToolsetName.of("a".repeat(128)).value().length());
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> ToolsetName.of("a".repeat(129)));
        assertTrue(e.getMessage().contains("at most 128"), e.getMessage());
    }

    @Test
    void escapesControlCharactersWhenEchoingABadName() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> ToolsetName.of("bad\nname"));
        assertTrue(e.getMessage().contains("bad\\u000aname"), e.getMessage());
    }

    @Test
    void sessionIdsFollowTheirOwnShape() {
        assertEquals("inv-1:a.b_c", SessionId.of("inv-1:a.b_c").value());
        assertThrows(InvalidValueException.class, () -> SessionId.of("has/slash"));
        assertThrows(InvalidValueException.class, () -> SessionId.of(""));
        assertThrows(InvalidValueException.class, () -> SessionId.of("x".repeat(129)));
        assertThrows(InvalidValueException.class, () -> SessionId.of(".."));
        assertThrows(InvalidValueException.class, () -> SessionId.of("."));
    }
}
