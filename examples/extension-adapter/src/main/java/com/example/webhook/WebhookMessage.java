package com.example.webhook;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEvent.ConfigApplied;
import org.toolsetconfig.application.port.out.ToolsetEvent.FailureThresholdReached;
import org.toolsetconfig.application.port.out.ToolsetEvent.Rejection;
import org.toolsetconfig.application.port.out.ToolsetEvent.ReloadCompleted;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ToolsetName;

/** The JSON body posted for an event, or none for the events the channel does not care about. */
final class WebhookMessage {

    private WebhookMessage() {
    }

    // tag::message[]
    static Optional<String> of(ToolsetEvent event) {
        if (event instanceof FailureThresholdReached reached) {
            return Optional.of(object(
                    field("event", "toolset_max_failures_reached_triggering_auto_reload"),
                    field("toolset", reached.toolset().value()),
                    number("consecutiveFailures", reached.consecutiveFailures()),
                    field("at", reached.at().toString())));
        }
        if (event instanceof ReloadCompleted completed && !completed.outcome().fileIsGood()
                && completed.rejection() != Rejection.REPEATED) { // the same rejected bytes again: said once already
            return Optional.of(object(
                    field("event", "toolset_config_reload_failed"),
                    field("trigger", completed.trigger().wireName()),
                    field("result", completed.outcome().wireName()),
                    field("detail", detail(completed.outcome())),
                    field("at", completed.at().toString())));
        }
        if (event instanceof ConfigApplied applied) {
            return Optional.of(object(
                    field("event", "toolset_config_applied"),
                    number("generation", applied.current().generation()),
                    field("checksum", applied.current().checksum().hex()),
                    strings("changedToolsets", applied.changedToolsets().stream().map(ToolsetName::value).toList()),
                    field("at", applied.at().toString())));
        }
        return Optional.empty();
    }
    // end::message[]

    private static String detail(ReloadOutcome outcome) {
        if (outcome instanceof ReloadOutcome.ValidationFailed failed) {
            return failed.problems().stream().map(Object::toString).collect(Collectors.joining("; "));
        }
        if (outcome instanceof ReloadOutcome.Error error) {
            return error.kind() + ": " + error.message();
        }
        return "";
    }

    private static String strings(String name, Collection<String> values) {
        return quote(name) + ":[" + values.stream().sorted().map(WebhookMessage::quote)
                .collect(Collectors.joining(",")) + "]";
    }

    private static String object(String... fields) {
        return "{" + String.join(",", fields) + "}";
    }

    private static String number(String name, long value) {
        return quote(name) + ":" + value;
    }

    private static String field(String name, String value) {
        return quote(name) + ":" + quote(value);
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
