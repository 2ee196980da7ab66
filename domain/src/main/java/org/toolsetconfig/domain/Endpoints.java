package org.toolsetconfig.domain;

import java.net.URI;
import java.net.URISyntaxException;

/** The rule for toolset endpoints: an absolute http or https URI with a host. */
final class Endpoints {

    private Endpoints() {
    }

    static URI requireHttp(URI uri) {
        String problem = problemWith(uri);
        if (problem != null) {
            throw new InvalidValueException(problem);
        }
        return uri;
    }

    /** The parsed endpoint, or an {@link InvalidValueException} saying what is wrong with {@code text}. */
    static URI parse(String text) {
        try {
            return requireHttp(new URI(text.strip()));
        } catch (URISyntaxException e) {
            throw new InvalidValueException("endpoint '" + Printable.of(Redaction.url(text)) + "' is not a valid URI: " + e.getReason());
        }
    }

    private static String problemWith(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return "endpoint '" + Printable.of(Redaction.url(uri.toString())) + "' must be an http:// or https:// URL";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "endpoint '" + Printable.of(Redaction.url(uri.toString())) + "' has no host";
        }
        return null;
    }
}
