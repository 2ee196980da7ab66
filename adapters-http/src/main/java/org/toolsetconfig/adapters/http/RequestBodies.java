package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpException;

/** Reads request bodies: bounded in size, of an accepted media type, and parsed without surprises. */
final class RequestBodies {

    /** The largest body any route accepts; a configuration document fits with room to spare. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml", "text/plain");

    private final ObjectMapper mapper;

    RequestBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The body as a JSON object, or empty when there is no body. A body needs a JSON media type; a
     * request without a Content-Type is read as JSON.
     */
    Optional<JsonNode> optionalJsonObject(Context ctx) {
        byte[] body = bytes(ctx);
        if (body.length == 0) {
            return Optional.empty();
        }
        String type = mediaType(ctx);
        if (type != null && !type.equals("application/json") && !type.endsWith("+json")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json, was '"
                    + type + "'");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the body could not be read as JSON");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the body must be a JSON object, was "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT),
                    List.of(Wire.ProblemItem.error("", "must be a JSON object")));
        }
        return Optional.of(node);
    }

    /** The body as a YAML document's bytes; a request without a Content-Type is read as YAML. */
    byte[] yaml(Context ctx) {
        String type = mediaType(ctx);
        if (type != null && !YAML_TYPES.contains(type)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be a YAML document sent as "
                    + "application/yaml (or text/yaml, text/plain), was '" + type + "'");
        }
        return bytes(ctx);
    }

    /**
     * An optional string field: absent and {@code null} are empty, anything but a string is refused,
     * naming the field.
     */
    static Optional<String> optionalString(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "'" + field + "' must be a string or null, was "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT),
                    List.of(Wire.ProblemItem.error(field, "must be a string or null")));
        }
        return Optional.of(value.textValue());
    }

    private static byte[] bytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        // The body is already in memory (BodyPrefetch keeps at most one byte more than the limit),
        // so one byte past the limit says "too large" for chunked bodies that declare no length too.
        // Reading it here rather than through Javalin keeps Javalin's WARN line per oversized body,
        // which any client could provoke, out of the log.
        try {
            byte[] body = ctx.req().getInputStream().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (ProblemException e) {
            throw e;
        } catch (HttpResponseException e) {
            throw e;
        } catch (Exception e) {
            // Jetty's failures to read a body (bad chunk framing, a body shorter than declared) reach
            // us unchecked through Javalin; they are the client's fault, never a 500.
            String reason = e instanceof HttpException http && http.getReason() != null ? http.getReason()
                    : e.getClass().getSimpleName();
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the request body could not be read ("
                    + reason + "); send it whole, with a correct "
                            + "Content-Length or valid chunked framing");
        }
    }

    static ProblemException tooLarge() {
        return new ProblemException(ProblemType.BODY_TOO_LARGE, "the body is larger than " + MAX_BODY_BYTES
                + " bytes (64 KiB)");
    }

    private static String mediaType(Context ctx) {
        String header = ctx.header("Content-Type");
        if (header == null || header.isBlank()) {
            return null;
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
