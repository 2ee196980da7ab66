package org.toolsetconfig.adapters.http;

/**
 * The kinds of RFC 9457 problem this API answers with. The {@code type} URIs are stable names that
 * clients may switch on; openapi.yaml lists them.
 */
enum ProblemType {
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    INVALID_TOOLSET_NAME(400, "invalid-toolset-name", "Invalid toolset name"),
    INVALID_SESSION_ID(400, "invalid-session-id", "Invalid session id"),
    UNAUTHORIZED(401, "unauthorized", "Missing or wrong bearer token"),
    TOOLSET_NOT_FOUND(404, "toolset-not-found", "Unknown toolset"),
    SESSION_NOT_FOUND(404, "session-not-found", "Unknown session"),
    GENERATION_NOT_KEPT(404, "generation-not-kept", "Generation not in the history"),
    ROUTE_NOT_FOUND(404, "route-not-found", "No such route"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    BODY_TOO_LARGE(413, "body-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    TRACKING_CAP_REACHED(429, "tracking-cap-reached", "Too many tracked toolsets"),
    SESSION_CAP_REACHED(429, "session-cap-reached", "Too many active sessions"),
    EVENT_SUBSCRIBER_CAP_REACHED(429, "event-subscriber-cap-reached", "Too many event stream clients"),
    INTERNAL_ERROR(500, "internal-error", "Internal server error"),
    RESPONSE_TOO_LARGE(500, "response-too-large", "Response too large"),
    SERVICE_STOPPING(503, "service-stopping", "The service is stopping");

    private static final String PREFIX = "urn:toolset-config:problem:";

    private final int status;
    private final String uri;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.uri = PREFIX + slug;
        this.title = title;
    }

    int status() {
        return status;
    }

    String uri() {
        return uri;
    }

    String title() {
        return title;
    }
}
