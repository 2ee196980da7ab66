package org.toolsetconfig.adapters.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.domain.InvalidValueException;

/**
 * The one place where failures become {@code application/problem+json} (RFC 9457): problems the
 * handlers raise, Javalin's own 404/405/413, a value the domain refused, and anything unexpected,
 * which is logged once and answered with a 500 that carries no stack trace.
 */
final class ProblemResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private final ResponseBodies answers;

    ProblemResponses(ResponseBodies answers) {
        this.answers = answers;
    }

    void register(RoutesConfig routes) {
        routes.exception(ProblemException.class, (e, ctx) ->
                write(ctx, Problem.of(e.type(), e.getMessage(), ctx.path()).withProblems(e.problems()), e.headers()));
        routes.exception(InvalidValueException.class, (e, ctx) ->
                write(ctx, Problem.of(ProblemType.INVALID_REQUEST, e.getMessage(), ctx.path()), Map.of()));
        routes.exception(HttpResponseException.class, this::javalinResponse);
        routes.exception(ResponseBodies.ResponseTooLargeException.class, (e, ctx) -> {
            LOG.atError().setMessage("http_response_too_large").addKeyValue("method", ctx.method())
                    .addKeyValue("path", ctx.path()).addKeyValue("max_chars", e.maxChars()).log();
            write(ctx, Problem.of(ProblemType.RESPONSE_TOO_LARGE, "the answer would be longer than " + e.maxChars()
                    + " characters, the most one answer may carry (8 times TOOLSET_CONFIG_MAX_BYTES); the "
                    + "configuration it echoes expands too far, shrink it", ctx.path()), Map.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.atError().setMessage("http_request_failed").addKeyValue("method", ctx.method())
                    .addKeyValue("path", ctx.path()).setCause(e).log();
            write(ctx, Problem.of(ProblemType.INTERNAL_ERROR, "the request could not be completed; the server log "
                    + "has the details", ctx.path()), Map.of());
        });
    }

    private void javalinResponse(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        if (e instanceof EndpointNotFound) {
            write(ctx, Problem.of(ProblemType.ROUTE_NOT_FOUND, "no route for " + ctx.method() + " " + ctx.path()
                    + "; GET /openapi.yaml lists them", ctx.path()), Map.of());
        } else if (status == HttpStatus.METHOD_NOT_ALLOWED.getCode()) {
            String allowed = String.join(", ", e.getDetails().values());
            write(ctx, Problem.of(ProblemType.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path()
                    + (allowed.isEmpty() ? "" : "; allowed: " + allowed), ctx.path()),
                    allowed.isEmpty() ? Map.of() : Map.of("Allow", allowed));
        } else if (status == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
            ProblemException tooLarge = RequestBodies.tooLarge();
            write(ctx, Problem.of(tooLarge.type(), tooLarge.getMessage(), ctx.path()), Map.of());
        } else {
            HttpStatus known = HttpStatus.forStatus(status);
            write(ctx, Problem.about(status, known.getMessage(), e.getMessage(), ctx.path()), Map.of());
        }
    }

    private void write(Context ctx, Problem problem, Map<String, String> headers) {
        headers.forEach(ctx::header);
        byte[] body = answers.toJsonString(problem, Problem.class).getBytes(StandardCharsets.UTF_8);
        ctx.status(problem.status()).contentType(ResponseBodies.PROBLEM_JSON).result(body);
    }
}
