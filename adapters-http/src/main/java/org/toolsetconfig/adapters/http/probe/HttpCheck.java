package org.toolsetconfig.adapters.http.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ProbeResult.FailureReason;

/**
 * One HTTP exchange of a probe, its failure named precisely (DESIGN B11). {@code shown} is the URL
 * as reports may print it; the real one, with its secrets, only goes on the wire.
 */
final class HttpCheck {

    private static final int MAX_BODY = 64 * 1024;

    /** Decides from the status and body whether the answer is good: {@code null} when it is, else why not. */
    @FunctionalInterface
    interface Verdict {
        Problem problem(int status, String body);
    }

    /** Why an answer is not good enough: its precise reason and what the server did. */
    record Problem(FailureReason reason, String precise, String what) {
        static Problem status(int status) {
            return new Problem(FailureReason.HTTP_STATUS, "http_" + status, "answered HTTP " + status);
        }

        static Problem unexpected(String what) {
            return new Problem(FailureReason.UNEXPECTED_RESPONSE, "unexpected_response", what);
        }
    }

    /** The answer when it was good, else the failure to report. */
    sealed interface Outcome {
        /** The server answered as it should; {@code target} is what was asked, as it may be shown. */
        record Good(String target, Duration took) implements Outcome {
        }

        /** It did not; {@code failure} says why. */
        record Bad(ProbeResult.Unreachable failure) implements Outcome {
        }
    }

    private HttpCheck() {
    }

    static HttpClient client(Duration timeout, Optional<SSLContext> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL);
        tls.ifPresent(builder::sslContext);
        return builder.build();
    }

    static Outcome send(HttpClient client, String method, URI uri, Optional<String> jsonBody,
                        Map<String, String> headers, String shown, Duration timeout, String hint, Verdict verdict) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, jsonBody.map(HttpRequest.BodyPublishers::ofString)
                        .orElse(HttpRequest.BodyPublishers.noBody()))
                .header("Accept", "application/json");
        jsonBody.ifPresent(body -> request.header("Content-Type", "application/json"));
        headers.forEach((name, value) -> {
            try {
                request.setHeader(name, value);
            } catch (IllegalArgumentException e) {
                // Connection-level headers (Host, Connection, …) are the client's own to set.
            }
        });
        String call = method + " " + shown;
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            Problem problem = verdict.problem(response.statusCode(), body);
            return problem == null ? new Outcome.Good(shown, since(start))
                    : bad(problem.reason(), problem.precise(), call + " " + problem.what(), hint, start);
        } catch (HttpTimeoutException e) {
            return bad(FailureReason.TIMEOUT, "timeout", call + " got no answer within " + timeout.toSeconds() + " s",
                    hint, start);
        } catch (IOException e) {
            return classify(e, call, hint, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return bad(FailureReason.TIMEOUT, "timeout", call + " was interrupted", hint, start);
        }
    }

    /** The JDK client reports an unknown host as a ConnectException caused by UnresolvedAddressException. */
    private static Outcome classify(IOException e, String call, String hint, long start) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return bad(FailureReason.DNS_RESOLUTION_FAILED, "dns_resolution_failed",
                        call + " failed: the host name does not resolve", hint + "; and that the host name is right "
                                + "and resolves from this pod (DNS, service name, namespace)", start);
            }
            if (cause instanceof SSLException) {
                return bad(FailureReason.TLS, "tls_error", call + " failed in the TLS handshake: " + cause.getMessage(),
                        hint + "; and the server's certificate (trusted CA, host name)", start);
            }
        }
        if (e instanceof ConnectException) {
            return bad(FailureReason.CONNECTION_REFUSED, "connection_refused", call + " failed: connection refused",
                    hint + "; nothing listens at that host and port", start);
        }
        return bad(FailureReason.IO, "io_error", call + " failed: " + e, hint, start);
    }

    static ProbeResult.Unreachable failure(FailureReason reason, String precise, String what, String hint,
                                           Duration took) {
        return new ProbeResult.Unreachable(reason, precise + ": " + what, hint, took);
    }

    private static Outcome bad(FailureReason reason, String precise, String what, String hint, long start) {
        return new Outcome.Bad(failure(reason, precise, what, hint, since(start)));
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
