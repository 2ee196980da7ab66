package org.toolsetconfig.adapters.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RegisterSessionResult;
import org.toolsetconfig.application.port.in.SessionView;
import org.toolsetconfig.application.port.in.UnregisterSessionResult;
import org.toolsetconfig.domain.InvalidValueException;
import org.toolsetconfig.domain.SessionId;

/** Investigation sessions: register (idempotent PUT), read with the pinned toolsets, unregister. */
final class SessionRoutes {

    private final ManageSessionsUseCase sessions;
    private final QueryToolsetsUseCase queries;

    SessionRoutes(ManageSessionsUseCase sessions, QueryToolsetsUseCase queries) {
        this.sessions = sessions;
        this.queries = queries;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/sessions", this::list);
        routes.put("/api/v1/sessions/{id}", this::registerSession);
        routes.get("/api/v1/sessions/{id}", this::one);
        routes.delete("/api/v1/sessions/{id}", this::unregister);
    }

    private void list(Context ctx) {
        ctx.json(new Wire.SessionsJson(sessions.sessions().stream().map(Wire.SessionJson::of).toList()));
    }

    private void registerSession(Context ctx) {
        RegisterSessionResult result = sessions.register(sessionId(ctx));
        if (result instanceof RegisterSessionResult.Created created) {
            ctx.status(HttpStatus.CREATED).json(Wire.SessionJson.of(created.session()));
        } else if (result instanceof RegisterSessionResult.Existing existing) {
            ctx.json(Wire.SessionJson.of(existing.session()));
        } else {
            RegisterSessionResult.Refused refused = (RegisterSessionResult.Refused) result;
            throw new ProblemException(ProblemType.SESSION_CAP_REACHED, refused.reason());
        }
    }

    private void one(Context ctx) {
        SessionId id = sessionId(ctx);
        SessionView view = sessions.session(id).orElseThrow(() -> notFound(id));
        ctx.json(new Wire.SessionViewJson(view.session().id().value(), Wire.instant(view.session().startedAt()),
                view.session().generation(), Wire.ToolsetJson.all(view.snapshot().toolsets(), queries::health)));
    }

    private void unregister(Context ctx) {
        SessionId id = sessionId(ctx);
        if (sessions.unregister(id) instanceof UnregisterSessionResult.NotFound) {
            throw notFound(id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static ProblemException notFound(SessionId id) {
        return new ProblemException(ProblemType.SESSION_NOT_FOUND, "no active session '" + id
                + "' (never registered, already ended, or expired)");
    }

    private static SessionId sessionId(Context ctx) {
        try {
            return SessionId.of(ctx.pathParam("id"));
        } catch (InvalidValueException e) {
            throw new ProblemException(ProblemType.INVALID_SESSION_ID, e.getMessage(),
                    List.of(Wire.ProblemItem.error("id", e.getMessage())));
        }
    }
}
