package org.toolsetconfig.application.port.in;

import org.toolsetconfig.domain.InvalidValueException;

/** Which two applied generations to compare: from the older view {@code from} to {@code to}. */
public record DiffQuery(long from, long to) {

    /**
     * Refuses a generation that can never exist.
     *
     * @param from the generation to compare from
     * @param to the generation to compare to
     */
    public DiffQuery {
        if (from < 1 || to < 1) {
            throw new InvalidValueException("generations start at 1; asked to compare " + from + " with " + to);
        }
    }
}
