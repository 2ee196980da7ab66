package org.toolsetconfig.domain;

import java.util.Locale;

/**
 * What kind of failure a toolset had (DESIGN §9), read from its HTTP status, error type and text.
 * Every class counts towards the re-check alike; the class is for operators and dashboards.
 */
public enum ErrorClass {
    /** 401 or 403, forbidden, unauthorized, RBAC. */
    AUTH,
    /** Connection refused or reset, no route, DNS. */
    NETWORK,
    /** Timed out. */
    TIMEOUT,
    /** 404, not found. */
    NOT_FOUND,
    /** 5xx. */
    SERVER_ERROR,
    /** 429, too many requests. */
    RATE_LIMITED,
    /** None of the above. */
    UNKNOWN;

    /**
     * A three-digit 4xx/5xx status standing alone in a text ({@code HTTP 503}, {@code 403 Forbidden},
     * {@code http_429}); not part of a longer number, an address or a port ({@code 10.0.0.5:443}).
     */
    private static final java.util.regex.Pattern STATUS =
            java.util.regex.Pattern.compile("(?<![0-9A-Za-z.:])([45][0-9]{2})(?![0-9A-Za-z.:])");

    /** How much of a text is scanned: classification must cost the same for a 1 MiB text as for a short one. */
    public static final int SCANNED_CHARS = 4096;

    /**
     * The class of a failure: a status written in the type or text ({@code HTTP 503}, {@code 403 Forbidden},
     * {@code http_429}) first, then its words. Only the first {@value #SCANNED_CHARS} characters of each are read.
     *
     * @param errorType the error type as reported, or {@code null}
     * @param errorMessage the error text as reported, or {@code null}
     * @return the class, {@link #UNKNOWN} when nothing tells
     */
    public static ErrorClass classify(String errorType, String errorMessage) {
        String text = (scanned(errorType) + " " + scanned(errorMessage)).toLowerCase(Locale.ROOT);
        java.util.regex.Matcher status = STATUS.matcher(text);
        while (status.find()) {
            ErrorClass byStatus = ofStatus(Integer.parseInt(status.group(1)));
            if (byStatus != UNKNOWN) {
                return byStatus;
            }
        }
        return ofWords(text);
    }

    /**
     * The class an HTTP status alone gives.
     *
     * @param status an HTTP status code
     * @return its class; {@link #UNKNOWN} for a status that says nothing (2xx, 400, …)
     */
    public static ErrorClass ofStatus(int status) {
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 408 || status == 504) {
            return TIMEOUT;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        return status >= 500 && status <= 599 ? SERVER_ERROR : UNKNOWN;
    }

    private static ErrorClass ofWords(String text) {
        if (containsAny(text, "too many requests", "rate limit", "ratelimit", "throttl")) {
            return RATE_LIMITED;
        }
        if (containsAny(text, "forbidden", "unauthorized", "unauthorised", "rbac", "permission denied",
                "access denied", "authenticat")) {
            return AUTH;
        }
        if (containsAny(text, "timeout", "timed out", "deadline exceeded")) {
            return TIMEOUT;
        }
        if (containsAny(text, "connection refused", "connection reset", "no route to host", "unknownhost",
                "unknown host", "name or service not known", "dns", "nodename nor servname", "network is unreachable",
                "connectexception", "connection error", "failed to connect", "could not connect")) {
            return NETWORK;
        }
        if (containsAny(text, "not found", "notfound", "no such")) {
            return NOT_FOUND;
        }
        if (containsAny(text, "internal server error", "bad gateway", "service unavailable", "server error")) {
            return SERVER_ERROR;
        }
        return UNKNOWN;
    }

    private static boolean containsAny(String text, String... words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String scanned(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= SCANNED_CHARS ? text : text.substring(0, SCANNED_CHARS);
    }

    /**
     * The name on the wire, in logs and in metrics: {@code auth}, {@code network}, {@code timeout},
     * {@code not_found}, {@code server_error}, {@code rate_limited}, {@code unknown}.
     *
     * @return the lower-case name
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
