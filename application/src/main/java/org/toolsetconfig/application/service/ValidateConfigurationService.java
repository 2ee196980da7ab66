package org.toolsetconfig.application.service;

import java.util.List;
import org.toolsetconfig.application.port.in.ValidateConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidationReport;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.DecodeResult;

/** Dry-run validation: the same decoder and rules as a reload, nothing applied. */
final class ValidateConfigurationService implements ValidateConfigurationUseCase {

    private final ConfigDecoder decoder;

    ValidateConfigurationService(ConfigDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public ValidationReport validate(byte[] document) {
        DecodeResult decoded = decoder.decode(document);
        if (decoded instanceof DecodeResult.Decoded ok) {
            return new ValidationReport(ok.document().problems(), ok.document().effectiveToolsets());
        }
        return new ValidationReport(decoded.problems(), List.of());
    }
}
