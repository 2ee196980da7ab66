package org.toolsetconfig.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Runs the project's rules on the project's own production classes: domain, application and the adapters
 * (bootstrap runs them again in its own tests, with itself on the class path). A violation fails {@code mvn verify}.
 */
@AnalyzeClasses(packages = ToolsetConfigArchitecture.BASE_PACKAGE, importOptions = ImportOption.DoNotIncludeTests.class)
class ProjectArchitectureTest {

    @ArchTest
    static final ArchRule onionArchitecture = ToolsetConfigArchitecture.ONION_ARCHITECTURE;

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdk = ToolsetConfigArchitecture.DOMAIN_DEPENDS_ONLY_ON_THE_JDK;

    @ArchTest
    static final ArchRule applicationDependsOnlyOnDomainAndSlf4j =
            ToolsetConfigArchitecture.APPLICATION_DEPENDS_ONLY_ON_DOMAIN_AND_SLF4J;

    @ArchTest
    static final ArchRule coreIsFreeOfFrameworks = ToolsetConfigArchitecture.CORE_IS_FREE_OF_FRAMEWORKS;

    @ArchTest
    static final ArchRule portsDoNotDependOnServices = ToolsetConfigArchitecture.PORTS_DO_NOT_DEPEND_ON_SERVICES;

    @ArchTest
    static final ArchRule adaptersDoNotDependOnApplicationServices =
            ToolsetConfigArchitecture.ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_SERVICES;

    @ArchTest
    static final ArchRule adaptersUseOnlyTheApplicationsPorts =
            ToolsetConfigArchitecture.ADAPTERS_USE_ONLY_THE_APPLICATIONS_PORTS;

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = ToolsetConfigArchitecture.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER;

    @ArchTest
    static final ArchRule onlyBootstrapUsesGuice = ToolsetConfigArchitecture.ONLY_BOOTSTRAP_USES_GUICE;

    @ArchTest
    static final ArchRule nothingDependsOnBootstrap = ToolsetConfigArchitecture.NOTHING_DEPENDS_ON_BOOTSTRAP;

    @ArchTest
    static final ArchRule coreTakesTimeFromAnInjectedClock =
            ToolsetConfigArchitecture.CORE_TAKES_TIME_FROM_AN_INJECTED_CLOCK;

    @ArchTest
    static final ArchRule noFieldInjection = ToolsetConfigArchitecture.NO_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noInjectAnnotatedFields = ToolsetConfigArchitecture.NO_INJECT_ANNOTATED_FIELDS;

    @ArchTest
    static final ArchRule noStandardStreams = ToolsetConfigArchitecture.NO_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noGenericExceptions = ToolsetConfigArchitecture.NO_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = ToolsetConfigArchitecture.NO_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule noPackageCycles = ToolsetConfigArchitecture.NO_PACKAGE_CYCLES;
}
