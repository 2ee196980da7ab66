package org.toolsetconfig.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.team.bad.ShortcutListener;
import com.example.team.bad.cycle.Back;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.toolsetconfig.adapters.filesystem.fixture.NoisyFileAdapter;
import org.toolsetconfig.adapters.http.fixture.HttpAdapterReachingAround;
import org.toolsetconfig.adapters.unlisted.fixture.UnlistedAdapter;
import org.toolsetconfig.application.fixture.FieldInjectedService;
import org.toolsetconfig.application.port.fixture.PortKnowingTheCore;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.bootstrap.fixture.Wiring;
import org.toolsetconfig.domain.fixture.ClockReadingDomainObject;
import org.toolsetconfig.domain.fixture.DomainObjectKnowingAPort;

/**
 * Each rule fails on its own on a deliberately broken fixture (under {@code src/test}, so the project's own import
 * never sees them), and its report names the offending class. The composition root's fixture, which may use
 * everything, passes.
 */
class RulesCatchViolationsTest {

    static Stream<Arguments> projectRuleViolations() {
        return Stream.of(
                // The onion rule judges the dependents of each layer, so the target must be imported as well.
                violation("onion: domain to application", "Onion architecture",
                        DomainObjectKnowingAPort.class, ToolsetEventListener.class),
                violation("onion: adapter to adapter", "Onion architecture",
                        HttpAdapterReachingAround.class, NoisyFileAdapter.class),
                violation("domain knows the JDK only", "the domain is embedded", ClockReadingDomainObject.class),
                violation("application knows domain and SLF4J only", "the application is embedded",
                        FieldInjectedService.class),
                violation("ports never name a service", "adapters compile against the ports alone",
                        PortKnowingTheCore.class),
                violation("adapters use ports, not services", "outside the domain, the application's ports and "
                        + "org.toolsetconfig.adapters.http..", HttpAdapterReachingAround.class),
                violation("adapters never reach bootstrap", "outside the domain, the application's ports and "
                        + "org.toolsetconfig.adapters.filesystem..", NoisyFileAdapter.class),
                violation("time from an injected clock", "read the system clock or sleep",
                        ClockReadingDomainObject.class),
                violation("no @Inject fields", "@Inject of jakarta.inject", FieldInjectedService.class),
                violation("no standard streams", "standard streams", NoisyFileAdapter.class),
                violation("no generic exceptions", "generic exceptions", NoisyFileAdapter.class),
                violation("no java.util.logging", "java.util.logging", NoisyFileAdapter.class),
                violation("no package cycles", "free of cycles", NoisyFileAdapter.class, Wiring.class),
                violation("every adapter listed", "add it to ToolsetConfigArchitecture.PROJECT_ADAPTERS",
                        UnlistedAdapter.class));
    }

    /** The one rule of the project's set whose description holds {@code fragment}. */
    private static ArchRule projectRule(String fragment) {
        String[] adapters = ToolsetConfigArchitecture.PROJECT_ADAPTERS.toArray(String[]::new);
        List<ArchRule> matching = Stream.concat(ToolsetConfigArchitecture.rules(adapters).stream(),
                        Stream.of(ToolsetConfigArchitecture.EVERY_ADAPTER_LISTED))
                .filter(rule -> rule.getDescription().contains(fragment))
                .toList();
        assertEquals(1, matching.size(), "exactly one rule described by '" + fragment + "': " + matching);
        return matching.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectRuleViolations")
    void ruleFailsOnItsBrokenFixture(String name, String rule, List<Class<?>> fixtures) {
        JavaClasses broken = new ClassFileImporter().importClasses(fixtures);

        EvaluationResult result = projectRule(rule).evaluate(broken);

        assertTrue(result.hasViolation(), name + ": the rule '" + rule + "' should fail on " + fixtures);
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(fixtures.get(0).getName()), name + ": the report should name the offender:\n"
                + report);
        assertTrue(ToolsetConfigArchitecture.PROJECT_RULES.evaluate(broken).hasViolation(),
                name + ": PROJECT_RULES holds the rule");
    }

    @Test
    void compositionRootMayUseGuiceAdaptersServicesAndTheDomain() {
        JavaClasses wiring = new ClassFileImporter().importClasses(Wiring.class, ToolsetConfigCore.class);

        EvaluationResult result = ToolsetConfigArchitecture.PROJECT_RULES.evaluate(wiring);

        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }

    @Test
    void everyRulePassesOnNothing() {
        JavaClasses nothing = new ClassFileImporter().importClasses(List.of());

        ToolsetConfigArchitecture.PROJECT_RULES.check(nothing);
        ToolsetConfigArchitecture.rulesFor("com.example.empty").check(nothing);
    }

    @Test
    void wellBehavedTeamAdapterPassesItsRules() {
        JavaClasses adapter = new ClassFileImporter().importPackages("com.example.team.good");

        ToolsetConfigArchitecture.rulesFor("com.example.team.good..").check(adapter);
    }

    @Test
    void theBrokenTeamAdapterIsCaughtOnEveryCount() {
        JavaClasses adapter = new ClassFileImporter().importClasses(ShortcutListener.class, Back.class);

        EvaluationResult result = ToolsetConfigArchitecture.rulesFor("com.example.team.bad").evaluate(adapter);

        String report = result.getFailureReport().toString();
        for (String offence : List.of(
                "<" + ToolsetConfigCore.class.getName() + ">", // an application service
                "<" + HttpAdapterReachingAround.class.getName() + ">", // another adapter
                "<org.toolsetconfig.application.logging.StructuredLoggingListener>", // application internals
                "<com.google.inject.Inject>", // Guice
                "ShortcutListener.core> is annotated", // field injection
                "java.lang.System.err", // standard streams
                "java.lang.RuntimeException", // a generic exception
                "Cycle detected")) {
            assertTrue(report.contains(offence), "should report " + offence + ":\n" + report);
        }
    }

    @Test
    void rulesForRefusesAPatternThatIsNotAPackage() {
        assertThrows(IllegalArgumentException.class, () -> ToolsetConfigArchitecture.rulesFor("..webhook.."));
        assertThrows(IllegalArgumentException.class, () -> ToolsetConfigArchitecture.rulesFor("com.*.webhook"));
        assertThrows(IllegalArgumentException.class, () -> ToolsetConfigArchitecture.rulesFor(" "));
        assertThrows(IllegalArgumentException.class, ToolsetConfigArchitecture::rulesFor);
    }

    private static Arguments violation(String name, String rule, Class<?>... fixtures) {
        return Arguments.of(name, rule, List.of(fixtures));
    }
}
