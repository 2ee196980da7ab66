package org.toolsetconfig.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * Guards every request under {@code /api/v1}, reads included (DESIGN.md §4): the toolsets' settings
 * and the failure messages are not for anyone who can reach the port. Health, readiness, metrics and
 * the OpenAPI document live outside {@code /api/v1} and stay open. Both tokens are hashed before the comparison, so {@link MessageDigest#isEqual} compares
 * equal-length values in constant time and the token's length does not leak either.
 */
final class BearerTokenCheck implements Handler {

    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    BearerTokenCheck(String token) {
        this.expectedDigest = sha256(token);
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw unauthorized("this request needs an 'Authorization: Bearer <token>' header");
        }
        byte[] presented = sha256(header.substring(SCHEME.length()).strip());
        if (!MessageDigest.isEqual(expectedDigest, presented)) {
            throw unauthorized("the bearer token is wrong");
        }
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED, detail, List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"toolset-config\""));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
