package org.toolsetconfig.application.port.in;

import java.util.List;
import java.util.Optional;
import org.toolsetconfig.domain.ConfigSnapshot;

/**
 * The change history of DESIGN §12: the last {@link CoreSettings#historySize()} versions applied or
 * refused, in memory, and the difference between two applied generations it still keeps.
 */
public interface QueryHistoryUseCase {

    /**
     * The kept entries, newest first.
     *
     * @return the entries
     */
    List<HistoryEntry> history();

    /**
     * The snapshot applied as {@code generation}, while the history keeps it.
     *
     * @param generation an applied generation
     * @return its snapshot, or empty when it was never applied or is no longer kept
     */
    Optional<ConfigSnapshot> applied(long generation);

    /**
     * What differs between two kept generations.
     *
     * @param query the two generations
     * @return the difference, or the generation that is not kept
     */
    DiffResult diff(DiffQuery query);
}
