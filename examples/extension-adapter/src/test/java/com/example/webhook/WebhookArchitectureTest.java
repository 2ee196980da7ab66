// tag::archtest[]
package com.example.webhook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.webhook.broken.ShortcutWebhookListener;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.architecture.ToolsetConfigArchitecture;

@AnalyzeClasses(packages = "com.example.webhook", importOptions = ImportOption.DoNotIncludeTests.class)
class WebhookArchitectureTest {

    @ArchTest
    static final ArchRule adapterRules = ToolsetConfigArchitecture.rulesFor("com.example.webhook");

    @Test
    void theRulesSeeTheAdapter() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("com.example.webhook");

        assertTrue(production.contain(WebhookEventListener.class), "the rules run on the adapter, not on nothing");
    }

    // tag::broken[]
    @Test
    void theRulesCatchTheBrokenFixture() {
        JavaClasses broken = new ClassFileImporter().importClasses(ShortcutWebhookListener.class);

        EvaluationResult result = ToolsetConfigArchitecture.rulesFor("com.example.webhook").evaluate(broken);

        assertTrue(result.hasViolation());
        String report = result.getFailureReport().toString();
        assertTrue(report.contains("calls method <org.toolsetconfig.application.service.ToolsetConfigCore.reloads()>"),
                report); // an application service, not a port
        assertTrue(report.contains("java.lang.System.out"), report); // standard streams
    }
    // end::broken[]
}
// end::archtest[]
