package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests that Jetty refuses before Javalin sees them (an ambiguous or badly encoded URI, a header
 * too large) get a problem body too, instead of Jetty's HTML error page, and never a stack trace.
 */
final class JettyErrorProblems extends ErrorHandler {

    private final ObjectMapper mapper;

    JettyErrorProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        String message = request.getAttribute(ERROR_MESSAGE) instanceof String text ? text : null;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ResponseBodies.PROBLEM_JSON);
        response.write(true, body(status, message, request.getHttpURI().getPath()), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ResponseBodies.PROBLEM_JSON);
        return body(status, reason, null);
    }

    private ByteBuffer body(int status, String message, String path) {
        String title = HttpStatus.getMessage(status);
        // Jetty's messages name the rule the request broke; anything from a 5xx stays in the log.
        String detail = status >= 500 || message == null || message.isBlank() ? title : message;
        try {
            String json = mapper.writeValueAsString(Problem.about(status, title, detail, path)) + "\n";
            return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always serializes", e);
        }
    }
}
