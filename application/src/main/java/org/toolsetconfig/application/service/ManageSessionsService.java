package org.toolsetconfig.application.service;

import java.util.List;
import java.util.Optional;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.RegisterSessionResult;
import org.toolsetconfig.application.port.in.SessionView;
import org.toolsetconfig.application.port.in.UnregisterSessionResult;
import org.toolsetconfig.domain.Session;
import org.toolsetconfig.domain.SessionId;

/** Sessions and graceful reload (B7); the state itself lives in {@link ConfigurationState}. */
final class ManageSessionsService implements ManageSessionsUseCase {

    private final ConfigurationState state;

    ManageSessionsService(ConfigurationState state) {
        this.state = state;
    }

    @Override
    public RegisterSessionResult register(SessionId id) {
        return state.register(id);
    }

    @Override
    public UnregisterSessionResult unregister(SessionId id) {
        return state.unregister(id);
    }

    @Override
    public List<Session> sessions() {
        return state.sessions();
    }

    @Override
    public Optional<SessionView> session(SessionId id) {
        return state.session(id);
    }

    @Override
    public int sweep() {
        return state.sweep();
    }
}
