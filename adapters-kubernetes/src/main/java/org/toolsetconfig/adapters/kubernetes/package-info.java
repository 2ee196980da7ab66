/**
 * The configuration read from a ConfigMap through the Kubernetes API (DESIGN.md §10): a live GET for
 * every re-check and a watch on that one object that asks for a re-check on each change.
 */
package org.toolsetconfig.adapters.kubernetes;
