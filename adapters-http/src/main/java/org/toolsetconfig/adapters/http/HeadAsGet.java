package org.toolsetconfig.adapters.http;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code HEAD} exactly as {@code GET} (status, Content-Type, token check), without the
 * body. Javalin answers a HEAD for a GET route with an empty 200 in {@code text/plain} without
 * running the route, so a HEAD for an unknown toolset said 200 and every HEAD named the wrong type.
 * The routes see a GET; Jetty's HTTP layer knows the request was a HEAD and sends no body.
 */
final class HeadAsGet extends Handler.Wrapper {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.HEAD.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        return super.handle(new Request.Wrapper(request) {
            @Override
            public String getMethod() {
                return HttpMethod.GET.asString();
            }
        }, response, callback);
    }
}
