package com.example.events;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code java com.example.events.FollowEvents http://localhost:8080}: prints each event and each new
 * toolsets body until interrupted. The bearer token, if the service wants one, comes from
 * {@code TOOLSET_API_TOKEN}.
 */
public final class FollowEvents {

    private FollowEvents() {
    }

    public static void main(String[] args) throws InterruptedException {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
        ToolsetEventClient client = new ToolsetEventClient(base, Optional.ofNullable(System.getenv("TOOLSET_API_TOKEN")),
                Duration.ofSeconds(1), Duration.ofSeconds(30),
                event -> System.out.println(event.id().orElse("-") + " " + event.name() + " " + event.data()),
                toolsets -> System.out.println("toolsets: " + toolsets));
        Runtime.getRuntime().addShutdownHook(new Thread(client::close));
        client.start();
        Thread.currentThread().join();
    }
}
