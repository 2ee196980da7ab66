package org.toolsetconfig.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Conditional reads (RFC 9110 §13.1.2): a read sets its {@code ETag} and answers a matching
 * {@code If-None-Match} with 304 and no body, so a poller that already holds the configuration
 * transfers nothing.
 */
final class EntityTags {

    private EntityTags() {
    }

    /**
     * Sets the {@code ETag} built from {@code opaque}; when the request's {@code If-None-Match}
     * names it (or is {@code *}) answers 304 and returns {@code true}: the caller writes no body.
     */
    static boolean notModified(Context ctx, String opaque) {
        String tag = "\"" + opaque + "\"";
        ctx.header("ETag", tag);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch == null || !matches(ifNoneMatch, tag)) {
            return false;
        }
        ctx.status(HttpStatus.NOT_MODIFIED);
        return true;
    }

    // If-None-Match uses the weak comparison: W/"x" matches "x".
    private static boolean matches(String ifNoneMatch, String tag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.strip();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
