package org.toolsetconfig.application.port.in;

/** Validates a configuration document without applying it: what {@code POST /validate} and the CLI use. */
public interface ValidateConfigurationUseCase {

    /** Decodes and validates {@code document}; nothing is applied. */
    ValidationReport validate(byte[] document);
}
