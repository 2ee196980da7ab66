package org.toolsetconfig.application.port.out;

import java.time.Duration;
import java.util.Objects;

/** What probing one toolset found. */
public sealed interface ProbeResult permits ProbeResult.Reachable, ProbeResult.Unreachable, ProbeResult.Skipped {

    /**
     * Why a toolset could not be reached (DESIGN B11); the wire name is the metrics label
     * {@code failure_reason}, and an {@link Unreachable}'s detail starts with the precise form
     * ({@code http_503}, {@code rbac_denied: list pods}, {@code missing_env_var: NAME}).
     */
    enum FailureReason {
        /** The endpoint answered with an unexpected HTTP status. */
        HTTP_STATUS("http_status"),
        /** The endpoint answered 200 but not with what the toolset's kind should answer. */
        UNEXPECTED_RESPONSE("unexpected_response"),
        /** No answer within the timeout. */
        TIMEOUT("timeout"),
        /** Nothing listens at the address. */
        CONNECTION_REFUSED("connection_refused"),
        /** The TLS handshake failed (certificate, protocol). */
        TLS("tls_error"),
        /** The host name does not resolve. */
        DNS_RESOLUTION_FAILED("dns_resolution_failed"),
        /** The API server refused the service account something the toolset needs. */
        RBAC_DENIED("rbac_denied"),
        /** A {@code {{ env.NAME }}} reference names a variable the process does not have. */
        MISSING_ENV_VAR("missing_env_var"),
        /** Any other I/O failure. */
        IO("io_error");

        private final String wireName;

        FailureReason(String wireName) {
            this.wireName = wireName;
        }

        /** The label value used in metrics and logs. */
        public String wireName() {
            return wireName;
        }
    }

    /** How long the probe took; zero when nothing was probed. */
    Duration duration();

    /** The toolset answered as its kind should. */
    record Reachable(String target, Duration duration) implements ProbeResult {
        public Reachable {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** The toolset could not be reached; {@code detail} names the URL and what happened, {@code hint} what to check. */
    record Unreachable(FailureReason reason, String detail, String hint, Duration duration) implements ProbeResult {
        public Unreachable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(hint, "hint");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Nothing to probe (no endpoint, or a Kubernetes toolset outside a cluster); {@code note} says why. */
    record Skipped(String note) implements ProbeResult {
        public Skipped {
            Objects.requireNonNull(note, "note");
        }

        @Override
        public Duration duration() {
            return Duration.ZERO;
        }
    }
}
