package org.toolsetconfig.adapters.kubernetes;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which ConfigMap and which of its keys hold the configuration ({@code TOOLSET_CONFIGMAP_NAMESPACE},
 * {@code _NAME}, {@code _KEY}). Refuses what Kubernetes would refuse, naming the setting to fix.
 */
public record ConfigMapLocation(String namespace, String name, String key) {

    // RFC 1123 label (namespaces), subdomain (object names) and the ConfigMap key alphabet.
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");

    /** Checks each part against the rules Kubernetes applies to it. */
    public ConfigMapLocation {
        check("TOOLSET_CONFIGMAP_NAMESPACE", namespace, LABEL,
                "lower-case letters, digits and '-', at most 63 characters");
        check("TOOLSET_CONFIGMAP_NAME", name, SUBDOMAIN,
                "lower-case letters, digits, '-' and '.', at most 253 characters");
        check("TOOLSET_CONFIGMAP_KEY", key, KEY, "letters, digits, '-', '_' and '.', at most 253 characters");
    }

    private static void check(String setting, String value, Pattern pattern, String allowed) {
        Objects.requireNonNull(value, setting);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(setting + " '" + value + "' is not a valid Kubernetes name: use "
                    + allowed);
        }
    }

    /** {@code ConfigMap namespace/name}, as messages name it. */
    @Override
    public String toString() {
        return "ConfigMap " + namespace + "/" + name;
    }

    /** The RBAC rule the service account needs, for messages about a refused request. */
    String rbacRule() {
        return "a Role in namespace " + namespace + " allowing get, list and watch on configmaps with"
                + " resourceNames [" + name + "], bound to the service's ServiceAccount";
    }
}
