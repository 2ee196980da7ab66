package org.toolsetconfig.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.team.bad.ShortcutListener;
import com.example.team.bad.cycle.Back;
import com.example.team.good.AuditListener;
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
import org.toolsetconfig.application.fixture.FieldInjectedService;
import org.toolsetconfig.application.port.fixture.PortKnowingTheCore;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.bootstrap.fixture.Wiring;
import org.toolsetconfig.domain.fixture.ClockReadingDomainObject;
import org.toolsetconfig.domain.fixture.DomainObjectKnowingAPort;

/**
 * Each rule fails on a deliberately broken fixture (under {@code src/test}, so the project's own import never sees
 * them) and names the offending class; the composition root's fixture, which may use everything, passes.
 */
class RulesCatchViolationsTest {

    static Stream<Arguments> projectRuleViolations() {
        return Stream.of(
                // The onion rule judges the dependents of each layer, so the target must be imported as well.
                violation("ONION_ARCHITECTURE", ToolsetConfigArchitecture.ONION_ARCHITECTURE,
                        DomainObjectKnowingAPort.class, ToolsetEventListener.class),
                violation("ONION_ARCHITECTURE (adapter to adapter)", ToolsetConfigArchitecture.ONION_ARCHITECTURE,
                        HttpAdapterReachingAround.class, NoisyFileAdapter.class),
                violation("DOMAIN_DEPENDS_ONLY_ON_THE_JDK", ToolsetConfigArchitecture.DOMAIN_DEPENDS_ONLY_ON_THE_JDK,
                        ClockReadingDomainObject.class),
                violation("APPLICATION_DEPENDS_ONLY_ON_DOMAIN_AND_SLF4J",
                        ToolsetConfigArchitecture.APPLICATION_DEPENDS_ONLY_ON_DOMAIN_AND_SLF4J,
                        FieldInjectedService.class),
                violation("CORE_IS_FREE_OF_FRAMEWORKS", ToolsetConfigArchitecture.CORE_IS_FREE_OF_FRAMEWORKS,
                        FieldInjectedService.class),
                violation("PORTS_DO_NOT_DEPEND_ON_SERVICES", ToolsetConfigArchitecture.PORTS_DO_NOT_DEPEND_ON_SERVICES,
                        PortKnowingTheCore.class),
                violation("ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_SERVICES",
                        ToolsetConfigArchitecture.ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_SERVICES,
                        HttpAdapterReachingAround.class),
                violation("ADAPTERS_USE_ONLY_THE_APPLICATIONS_PORTS",
                        ToolsetConfigArchitecture.ADAPTERS_USE_ONLY_THE_APPLICATIONS_PORTS,
                        HttpAdapterReachingAround.class),
                violation("ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER",
                        ToolsetConfigArchitecture.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                        HttpAdapterReachingAround.class, NoisyFileAdapter.class),
                violation("ONLY_BOOTSTRAP_USES_GUICE", ToolsetConfigArchitecture.ONLY_BOOTSTRAP_USES_GUICE,
                        FieldInjectedService.class),
                violation("NOTHING_DEPENDS_ON_BOOTSTRAP", ToolsetConfigArchitecture.NOTHING_DEPENDS_ON_BOOTSTRAP,
                        NoisyFileAdapter.class),
                violation("CORE_TAKES_TIME_FROM_AN_INJECTED_CLOCK",
                        ToolsetConfigArchitecture.CORE_TAKES_TIME_FROM_AN_INJECTED_CLOCK,
                        ClockReadingDomainObject.class),
                violation("NO_FIELD_INJECTION", ToolsetConfigArchitecture.NO_FIELD_INJECTION,
                        FieldInjectedService.class),
                violation("NO_INJECT_ANNOTATED_FIELDS", ToolsetConfigArchitecture.NO_INJECT_ANNOTATED_FIELDS,
                        FieldInjectedService.class),
                violation("NO_STANDARD_STREAMS", ToolsetConfigArchitecture.NO_STANDARD_STREAMS,
                        NoisyFileAdapter.class),
                violation("NO_GENERIC_EXCEPTIONS", ToolsetConfigArchitecture.NO_GENERIC_EXCEPTIONS,
                        NoisyFileAdapter.class),
                violation("NO_JAVA_UTIL_LOGGING", ToolsetConfigArchitecture.NO_JAVA_UTIL_LOGGING,
                        NoisyFileAdapter.class),
                violation("NO_PACKAGE_CYCLES", ToolsetConfigArchitecture.NO_PACKAGE_CYCLES,
                        NoisyFileAdapter.class, Wiring.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectRuleViolations")
    void ruleFailsOnItsBrokenFixture(String name, ArchRule rule, List<Class<?>> fixtures) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixtures));

        assertTrue(result.hasViolation(), name + " should fail on " + fixtures);
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(fixtures.get(0).getName()), name + " should name the offender:\n" + report);
    }

    @Test
    void compositionRootMayUseGuiceAdaptersServicesAndTheDomain() {
        JavaClasses wiring = new ClassFileImporter().importClasses(Wiring.class, ToolsetConfigCore.class);

        for (ArchRule rule : List.of(ToolsetConfigArchitecture.ONION_ARCHITECTURE,
                ToolsetConfigArchitecture.ONLY_BOOTSTRAP_USES_GUICE,
                ToolsetConfigArchitecture.NOTHING_DEPENDS_ON_BOOTSTRAP,
                ToolsetConfigArchitecture.NO_FIELD_INJECTION)) {
            EvaluationResult result = rule.evaluate(wiring);
            assertFalse(result.hasViolation(), rule.getDescription() + "\n" + result.getFailureReport());
        }
    }

    @Test
    void everyProjectRulePassesOnNothing() {
        JavaClasses nothing = new ClassFileImporter().importClasses(List.of());

        ToolsetConfigArchitecture.allProjectRules().check(nothing);
        ToolsetConfigArchitecture.allAdapterRules("com.example.empty").check(nothing);
    }

    @Test
    void wellBehavedTeamAdapterPassesTheAdapterRules() {
        JavaClasses adapter = new ClassFileImporter().importPackages("com.example.team.good");

        ToolsetConfigArchitecture.allAdapterRules("com.example.team.good..").check(adapter);
    }

    @Test
    void everyAdapterRuleButTheOnionCatchesTheBrokenTeamAdapter() {
        JavaClasses adapter = new ClassFileImporter().importClasses(ShortcutListener.class, Back.class);

        List<ArchRule> rules = ToolsetConfigArchitecture.adapterRules("com.example.team.bad");
        // The onion rule judges who depends on an adapter; its own outgoing dependencies are the other rules' job.
        List<ArchRule> dependencyRules = rules.subList(0, rules.size() - 1);
        for (ArchRule rule : dependencyRules) {
            assertTrue(rule.evaluate(adapter).hasViolation(), "should fail: " + rule.getDescription());
        }
        assertThrows(AssertionError.class,
                () -> ToolsetConfigArchitecture.allAdapterRules("com.example.team.bad").check(adapter));
    }

    @Test
    void adapterRulesRefuseAPatternThatIsNotAPackage() {
        assertThrows(IllegalArgumentException.class, () -> ToolsetConfigArchitecture.adapterRules("..webhook.."));
        assertThrows(IllegalArgumentException.class, () -> ToolsetConfigArchitecture.adapterRules("com.*.webhook"));
        assertThrows(IllegalArgumentException.class, () -> ToolsetConfigArchitecture.adapterRules(" "));
    }

    private static Arguments violation(String name, ArchRule rule, Class<?>... fixtures) {
        return Arguments.of(name, rule, List.of(fixtures));
    }
}
