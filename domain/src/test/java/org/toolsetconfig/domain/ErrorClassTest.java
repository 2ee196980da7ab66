package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorClassTest {

    private static void assertClass(ErrorClass expected, String type, String message) {
        assertEquals(expected, ErrorClass.classify(type, message), type + " / " + message);
    }

    @Test
    void statusesWrittenInTheTypeOrTextDecideFirst() {
        assertClass(ErrorClass.AUTH, "HTTPError", "401 Client Error: Unauthorized for url");
        assertClass(ErrorClass.AUTH, "http_403", null);
        assertClass(ErrorClass.NOT_FOUND, "HTTPError", "404 Not Found");
        assertClass(ErrorClass.RATE_LIMITED, null, "HTTP 429");
        assertClass(ErrorClass.SERVER_ERROR, "HTTPError", "HTTP 503 from upstream");
        assertClass(ErrorClass.TIMEOUT, null, "504 Gateway Timeout");
    }

    @Test
    void wordsDecideWithoutAStatus() {
        assertClass(ErrorClass.AUTH, "ApiException", "pods is forbidden: User cannot list resource");
        assertClass(ErrorClass.AUTH, null, "RBAC: access denied");
        assertClass(ErrorClass.NETWORK, "ConnectionError", "dial tcp 10.0.0.5:9090: connect: connection refused");
        assertClass(ErrorClass.NETWORK, "UnknownHostException", "prometheus.monitoring.svc");
        assertClass(ErrorClass.TIMEOUT, "ReadTimeout", "read timed out");
        assertClass(ErrorClass.RATE_LIMITED, null, "Too Many Requests, slow down");
        assertClass(ErrorClass.NOT_FOUND, null, "toolset endpoint not found");
        assertClass(ErrorClass.UNKNOWN, null, "the LLM context window was exceeded");
        assertClass(ErrorClass.UNKNOWN, null, null);
    }

    @Test
    void portsAddressesAndLongerNumbersAreNoStatus() {
        assertClass(ErrorClass.UNKNOWN, null, "listening on 10.0.0.5:500 with 4040 workers, id 4031x");
    }

    @Test
    void onlyTheStartOfAHugeTextIsRead() {
        assertClass(ErrorClass.UNKNOWN, null, "x".repeat(ErrorClass.SCANNED_CHARS) + " forbidden");
    }

    @Test
    void aFailureRecordKeepsItsClassThroughAReset() {
        FailureRecord failed = FailureRecord.none(ToolsetName.of("kubernetes/core"))
                .withFailure("ApiException", "Forbidden", Instant.EPOCH);

        assertEquals(ErrorClass.AUTH, failed.lastErrorClass());
        assertEquals(ErrorClass.AUTH, failed.withConsecutiveReset().lastErrorClass());
        assertEquals(ErrorClass.UNKNOWN, FailureRecord.none(ToolsetName.of("x")).lastErrorClass());
    }
}
