package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 3: connections that send a body a byte at a time held every worker (the idle
 * timeout restarts with each byte), refused bodies included, and {@code /healthz} stopped answering.
 * Here more such connections than the pool has workers trickle bytes while health, readiness and
 * an ordinary read are asked for; then each slow request gets its 408 once its body deadline passes.
 */
class SlowBodiesTest {

    private static final String TOKEN = "s3cret-token";
    private static final int WORKERS = 12;
    private static final int SLOW_CONNECTIONS = 2 * WORKERS;
    private static final Duration BODY_DEADLINE = Duration.ofSeconds(3);

    @Test
    void slowBodiesHoldNoWorkerAndHealthReadinessAndReadsStillAnswer() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (ApiFixture api = ApiFixture.builder().token(TOKEN).bodyDeadlineAndThreads(BODY_DEADLINE, WORKERS)
                .start()) {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                // Half carry the token; half do not and are refused, which used to drain the body on a worker.
                String auth = i % 2 == 0 ? "Authorization: Bearer " + TOKEN + "\r\n" : "";
                Socket socket = new Socket("127.0.0.1", api.server.port());
                socket.setSoTimeout((int) BODY_DEADLINE.multipliedBy(5).toMillis());
                socket.getOutputStream().write(("POST /api/v1/toolsets/kubernetes/core/failures HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n" + auth + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            trickle.scheduleWithFixedDelay(() -> slow.forEach(SlowBodiesTest::oneByte), 200, 200, TimeUnit.MILLISECONDS);

            long started = System.nanoTime();
            for (String path : List.of("/healthz", "/readyz")) {
                ApiFixture.Response answer = api.send(api.request(path).timeout(BODY_DEADLINE.dividedBy(2)).GET());
                assertEquals(200, answer.status(), path);
            }
            api.send(api.request("/api/v1/status").timeout(BODY_DEADLINE.dividedBy(2))
                    .header("Authorization", "Bearer " + TOKEN).GET()).json(200);
            long answeredMillis = (System.nanoTime() - started) / 1_000_000;

            int timedOut = 0;
            for (Socket socket : slow) {
                String answer = answer(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"),
                        answer);
                timedOut++;
            }
            trickle.shutdownNow();

            assertEquals(0, api.send(api.request("/api/v1/failures").header("Authorization", "Bearer " + TOKEN)
                    .GET()).json(200).get("failures").size(), "no slow body was counted as a failure");
            api.send(api.request("/api/v1/toolsets/kubernetes/core/failures").header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody())).json(200);
            System.out.println("[reliability] http.slow_bodies connections=" + SLOW_CONNECTIONS + " workers=" + WORKERS
                    + " health_readiness_status_answered_ms=" + answeredMillis + " timed_out_408=" + timedOut
                    + " body_deadline_s=" + BODY_DEADLINE.toSeconds());
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static void oneByte(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(' ');
            out.flush();
        } catch (IOException e) {
            // The server answered 408 and closed this one: nothing more to send.
        }
    }

    /** The whole answer: the server closes a connection whose body it gave up on. */
    private static String answer(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) != -1) {
                text.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            return "no whole answer within the socket timeout: " + text;
        }
        return text.toString();
    }
}
