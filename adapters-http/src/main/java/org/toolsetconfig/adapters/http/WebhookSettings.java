package org.toolsetconfig.adapters.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the webhooks of DESIGN.md §12 go ({@code TOOLSET_WEBHOOK_URLS}) and the secret that signs
 * them ({@code TOOLSET_WEBHOOK_SECRET} or its file). No URL: no webhook is sent. The secret is never
 * shown: {@link #toString()} hides it.
 */
public record WebhookSettings(List<URI> urls, Optional<String> secret) {

    /** No webhooks. */
    public static final WebhookSettings NONE = new WebhookSettings(List.of(), Optional.empty());

    /** Refuses a URL that {@link #target} would refuse, and an empty secret. */
    public WebhookSettings {
        urls = List.copyOf(urls);
        urls.forEach(url -> target(url.toString()));
        Objects.requireNonNull(secret, "secret");
        if (secret.isPresent() && secret.get().isEmpty()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
    }

    /**
     * {@code text} as a webhook target: an absolute {@code http} or {@code https} URL with a host.
     * Otherwise an {@link IllegalArgumentException} says why without repeating the text, which may
     * hold a token.
     */
    public static URI target(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("not an absolute http:// or https:// URL"
                    + (scheme == null ? "" : " (scheme " + scheme + ")"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("a URL without a host");
        }
        return uri;
    }

    /**
     * The form of a target that logs show: scheme, host and port. Receivers often carry their token
     * in the path (chat webhooks do) or the query, so neither is shown.
     */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "WebhookSettings[urls=" + urls.stream().map(WebhookSettings::shown).toList() + ", secret="
                + (secret.isPresent() ? "<hidden>" : "unset") + "]";
    }
}
