package org.toolsetconfig.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethod;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.OnionArchitecture;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The architecture of the Toolset Config Service (DESIGN.md §1, §8) as ArchUnit rules.
 *
 * <p>The project runs {@link #projectRules()} on itself in its build. A team that writes its own adapter adds this
 * module as a test dependency and runs {@link #adapterRules(String)} on its adapter package, e.g.
 * {@code ToolsetConfigArchitecture.adapterRules("com.example.webhook..").check(importedClasses)}.
 *
 * <p>Bootstrap depends on this module, so the architecture module's own tests cannot import it; bootstrap's tests run
 * the rules once more with the composition root on the class path:
 *
 * <pre>
 * &#64;AnalyzeClasses(packages = "org.toolsetconfig", importOptions = ImportOption.DoNotIncludeTests.class)
 * class BootstrapArchitectureTest {
 *     &#64;ArchTest
 *     static final ArchRule projectRules = ToolsetConfigArchitecture.allProjectRules();
 * }
 * </pre>
 *
 * <p>Every rule allows an empty selection: a rule about adapters passes when no adapter class was imported. Whoever
 * runs them is responsible for importing the classes it means to check.
 */
public final class ToolsetConfigArchitecture {

    /** The base package of the project. */
    public static final String BASE_PACKAGE = "org.toolsetconfig";
    /** The domain: value objects and rules, JDK only. */
    public static final String DOMAIN = "org.toolsetconfig.domain..";
    /** The application: use cases, ports, services. */
    public static final String APPLICATION = "org.toolsetconfig.application..";
    /** The application's in- and out-ports, the only part of the application that adapters may use. */
    public static final String APPLICATION_PORTS = "org.toolsetconfig.application.port..";
    /** The application's service implementations, wired by bootstrap (or an embedder), never used by adapters. */
    public static final String APPLICATION_SERVICES = "org.toolsetconfig.application.service..";
    /** All adapters of the project, one sub-package each. */
    public static final String ADAPTERS = "org.toolsetconfig.adapters..";
    /** The composition root: the only place that knows Guice and wires everything. */
    public static final String BOOTSTRAP = "org.toolsetconfig.bootstrap..";

    /** Packages of the frameworks and libraries that the domain and the application must never see. */
    public static final List<String> FRAMEWORK_PACKAGES = List.of(
            "com.google.inject..",
            "jakarta.inject..",
            "javax.inject..",
            "io.javalin..",
            "io.micrometer..",
            "io.prometheus..",
            "com.fasterxml.jackson..",
            "org.yaml.snakeyaml..",
            "org.apache.commons.io..",
            "ch.qos.logback..",
            "picocli..",
            "org.eclipse.jetty..");

    private static final Map<String, String> PROJECT_ADAPTERS = projectAdapters();

    /**
     * ArchUnit's onion architecture: the domain depends on nothing else of the project, the application on the
     * domain only, adapters on both and never on each other; nothing depends on an adapter. The composition root
     * ({@link #BOOTSTRAP}) sits outside the onion and may use every layer.
     */
    public static final ArchRule ONION_ARCHITECTURE = onionArchitecture(Map.of());

    /** The domain knows the JDK and nothing else. */
    public static final ArchRule DOMAIN_DEPENDS_ONLY_ON_THE_JDK = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
            .because("the domain is embedded as a plain library and must know nothing but the JDK (DESIGN.md §1)")
            .allowEmptyShould(true);

    /** The application knows the JDK, the domain, itself and the SLF4J API. */
    public static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN_AND_SLF4J = classes()
            .that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION, "org.slf4j..")
            .because("the application is embedded as a plain library: domain, its own ports and the SLF4J API only")
            .allowEmptyShould(true);

    /** No Guice, Javalin, Micrometer, Jackson, SnakeYAML (or any other framework) in the domain or the application. */
    public static final ArchRule CORE_IS_FREE_OF_FRAMEWORKS = noClasses()
            .that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_PACKAGES.toArray(String[]::new))
            .because("frameworks belong to adapters and bootstrap; embedders get a framework-free core")
            .allowEmptyShould(true);

    /** Ports describe what the application offers and needs; they never refer to the service implementations. */
    public static final ArchRule PORTS_DO_NOT_DEPEND_ON_SERVICES = noClasses()
            .that().resideInAPackage(APPLICATION_PORTS)
            .should().dependOnClassesThat().resideInAPackage(APPLICATION_SERVICES)
            .because("adapters compile against the ports alone")
            .allowEmptyShould(true);

    /** Adapters reach the application through its ports only, never through its service implementations. */
    public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_SERVICES = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(APPLICATION_SERVICES)
            .because("adapters know the application's ports, never its service implementations (DESIGN.md §1)")
            .allowEmptyShould(true);

    /** Adapters use the application's ports and nothing else of it (neither services nor, say, its logging). */
    public static final ArchRule ADAPTERS_USE_ONLY_THE_APPLICATIONS_PORTS = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat(applicationOutsideItsPorts())
            .because("the application's ports are its public surface for adapters (DESIGN.md §1)")
            .allowEmptyShould(true);

    /** No adapter depends on another adapter: HTTP can never reach the file system directly. */
    public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
            .matching("org.toolsetconfig.adapters.(*)..")
            .namingSlices("adapter '$1'")
            .should().notDependOnEachOther()
            .because("adapters never know each other; bootstrap connects them (DESIGN.md §1)")
            .allowEmptyShould(true);

    /** Only the composition root knows Guice. */
    public static final ArchRule ONLY_BOOTSTRAP_USES_GUICE = noClasses()
            .that().resideInAPackage(BASE_PACKAGE + "..")
            .and().resideOutsideOfPackage(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..")
            .because("only bootstrap knows Guice and only it wires (DESIGN.md §1)")
            .allowEmptyShould(true);

    /** Nothing depends on the composition root. */
    public static final ArchRule NOTHING_DEPENDS_ON_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackage(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
            .because("bootstrap is the outermost ring: it wires everything and nothing refers back to it")
            .allowEmptyShould(true);

    /**
     * Time in the core comes from an injected {@link Clock}: no {@code System.currentTimeMillis()}, no
     * {@code Instant.now()}, no sleeping. Choosing {@code Clock.systemUTC()} as a builder default is allowed: that is
     * the injection point, not a read.
     */
    public static final ArchRule CORE_TAKES_TIME_FROM_AN_INJECTED_CLOCK = noClasses()
            .that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should(readTheSystemClockOrSleep())
            .because("time comes from an injected java.time.Clock, so tests control it (DESIGN.md §1)")
            .allowEmptyShould(true);

    /** ArchUnit's built-in field injection rule (Spring, javax, jakarta and Guice annotations). */
    public static final ArchRule NO_FIELD_INJECTION = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION
            .allowEmptyShould(true);

    /**
     * No field carries an {@code @Inject} annotation of Guice, Jakarta or javax: constructor injection and final
     * fields only. Kept explicit because older ArchUnit versions of the built-in rule miss {@code jakarta.inject}.
     */
    public static final ArchRule NO_INJECT_ANNOTATED_FIELDS = noFields()
            .should().beAnnotatedWith("jakarta.inject.Inject")
            .orShould().beAnnotatedWith("com.google.inject.Inject")
            .orShould().beAnnotatedWith("javax.inject.Inject")
            .as("no fields should be annotated with jakarta.inject.Inject, com.google.inject.Inject or javax.inject.Inject")
            .because("dependencies arrive through the constructor into final fields (STYLE.md, Wiring)")
            .allowEmptyShould(true);

    /** No {@code System.out}/{@code System.err}: output goes through logging or a writer that is handed in. */
    public static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .allowEmptyShould(true);

    /** No {@code throw new RuntimeException/Exception/Throwable/Error}: throw something that names the problem. */
    public static final ArchRule NO_GENERIC_EXCEPTIONS = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
            .allowEmptyShould(true);

    /** Logging goes through SLF4J, never {@code java.util.logging}. */
    public static final ArchRule NO_JAVA_UTIL_LOGGING = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .allowEmptyShould(true);

    /** No dependency cycle between any two packages of the project. */
    public static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("org.toolsetconfig.(**)")
            .should().beFreeOfCycles()
            .allowEmptyShould(true);

    private ToolsetConfigArchitecture() {
    }

    /**
     * The onion architecture of the project, with further adapters (a team's) added to the project's own
     * filesystem, http and metrics adapters. Every layer may be empty.
     *
     * @param extraAdapters adapter name to package identifier, e.g. {@code Map.of("webhook", "com.example.webhook..")}
     * @return the rule
     */
    public static OnionArchitecture onionArchitecture(Map<String, String> extraAdapters) {
        Objects.requireNonNull(extraAdapters, "extraAdapters");
        OnionArchitecture onion = Architectures.onionArchitecture()
                .domainModels(DOMAIN)
                .applicationServices(APPLICATION);
        Map<String, String> adapters = new LinkedHashMap<>(PROJECT_ADAPTERS);
        adapters.putAll(extraAdapters);
        for (Map.Entry<String, String> adapter : adapters.entrySet()) {
            onion = onion.adapter(adapter.getKey(), adapter.getValue());
        }
        // The composition root wires every ring, so its own dependencies are not onion violations.
        onion = onion.ignoreDependency(resideInAPackage(BOOTSTRAP), alwaysTrue());
        onion = onion.withOptionalLayers(true);
        return onion;
    }

    /**
     * Every rule the project holds itself to; the architecture module runs them on domain, application and the
     * adapters, and bootstrap's tests run them again with bootstrap on the class path.
     *
     * @return the rules, in a stable order
     */
    public static List<ArchRule> projectRules() {
        return List.of(
                ONION_ARCHITECTURE,
                DOMAIN_DEPENDS_ONLY_ON_THE_JDK,
                APPLICATION_DEPENDS_ONLY_ON_DOMAIN_AND_SLF4J,
                CORE_IS_FREE_OF_FRAMEWORKS,
                PORTS_DO_NOT_DEPEND_ON_SERVICES,
                ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_SERVICES,
                ADAPTERS_USE_ONLY_THE_APPLICATIONS_PORTS,
                ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                ONLY_BOOTSTRAP_USES_GUICE,
                NOTHING_DEPENDS_ON_BOOTSTRAP,
                CORE_TAKES_TIME_FROM_AN_INJECTED_CLOCK,
                NO_FIELD_INJECTION,
                NO_INJECT_ANNOTATED_FIELDS,
                NO_STANDARD_STREAMS,
                NO_GENERIC_EXCEPTIONS,
                NO_JAVA_UTIL_LOGGING,
                NO_PACKAGE_CYCLES);
    }

    /**
     * {@link #projectRules()} as one rule, for a single {@code @ArchTest} field that reports every violation.
     *
     * @return the composite rule
     */
    public static ArchRule allProjectRules() {
        return CompositeArchRule.of(projectRules());
    }

    /**
     * The rules for one adapter package, for a team that writes an adapter in its own module: the adapter uses the
     * application's ports and the domain, never the application's services, another adapter, bootstrap or Guice; it
     * uses constructor injection, no standard streams, no generic exceptions, and its packages have no cycles.
     *
     * @param adapterPackage the adapter's package identifier, e.g. {@code "com.example.webhook.."} (a plain package
     *     name such as {@code "com.example.webhook"} is taken with its sub-packages)
     * @return the rules, in a stable order; each passes on an empty package
     */
    public static List<ArchRule> adapterRules(String adapterPackage) {
        String adapter = packageIdentifier(adapterPackage);
        String adapterName = adapter.substring(0, adapter.length() - 2);
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noClasses()
                .that().resideInAPackage(adapter)
                .should().dependOnClassesThat().resideInAPackage(APPLICATION_SERVICES)
                .because("adapters use the application's ports, never its service implementations (DESIGN.md §1)"));
        rules.add(noClasses()
                .that().resideInAPackage(adapter)
                .should().dependOnClassesThat(resideInAPackage(ADAPTERS).and(not(resideInAPackage(adapter)))
                        .as("reside in another adapter (" + ADAPTERS + ")"))
                .because("adapters never depend on each other (DESIGN.md §1)"));
        rules.add(noClasses()
                .that().resideInAPackage(adapter)
                .should().dependOnClassesThat().resideInAnyPackage(BOOTSTRAP, "com.google.inject..")
                .because("only bootstrap knows Guice and wires (DESIGN.md §1)"));
        rules.add(noClasses()
                .that().resideInAPackage(adapter)
                .should().dependOnClassesThat(applicationOutsideItsPorts())
                .because("the application's ports are its public surface for adapters"));
        rules.add(noClasses()
                .that().resideInAPackage(adapter)
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("output goes through logging or a writer handed in"));
        rules.add(noClasses()
                .that().resideInAPackage(adapter)
                .should(GeneralCodingRules.THROW_GENERIC_EXCEPTIONS)
                .because("thrown exceptions name the problem"));
        rules.add(noFields()
                .that().areDeclaredInClassesThat().resideInAPackage(adapter)
                .should(GeneralCodingRules.BE_ANNOTATED_WITH_AN_INJECTION_ANNOTATION)
                .because("dependencies arrive through the constructor (STYLE.md, Wiring)"));
        rules.add(noFields()
                .that().areDeclaredInClassesThat().resideInAPackage(adapter)
                .should().beAnnotatedWith("jakarta.inject.Inject")
                .orShould().beAnnotatedWith("com.google.inject.Inject")
                .orShould().beAnnotatedWith("javax.inject.Inject")
                .as("no fields declared in " + adapter + " should be annotated with jakarta.inject.Inject, "
                        + "com.google.inject.Inject or javax.inject.Inject")
                .because("dependencies arrive through the constructor into final fields (STYLE.md, Wiring)"));
        // Sliced from the parent package, so that classes right in the adapter's root package take part too.
        int lastDot = adapterName.lastIndexOf('.');
        String slicePattern = lastDot < 0 ? "(**)" : adapterName.substring(0, lastDot) + ".(**)";
        rules.add(slices()
                .matching(slicePattern)
                .should().beFreeOfCycles());
        rules.add(onionArchitecture(Map.of(adapterName, adapter)));
        return rules.stream().map(rule -> rule.allowEmptyShould(true)).toList();
    }

    /**
     * {@link #adapterRules(String)} as one rule, for a single {@code @ArchTest} field.
     *
     * @param adapterPackage the adapter's package identifier, e.g. {@code "com.example.webhook.."}
     * @return the composite rule
     */
    public static ArchRule allAdapterRules(String adapterPackage) {
        return CompositeArchRule.of(adapterRules(adapterPackage));
    }

    private static String packageIdentifier(String adapterPackage) {
        Objects.requireNonNull(adapterPackage, "adapterPackage");
        String trimmed = adapterPackage.strip();
        String name = trimmed.endsWith("..") ? trimmed.substring(0, trimmed.length() - 2) : trimmed;
        if (name.isEmpty() || name.contains("*") || name.contains("..") || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("adapterPackage must be a package name such as 'com.example.webhook' "
                    + "or 'com.example.webhook..', was '" + adapterPackage + "'");
        }
        return name + "..";
    }

    private static Map<String, String> projectAdapters() {
        Map<String, String> adapters = new LinkedHashMap<>();
        adapters.put("filesystem", "org.toolsetconfig.adapters.filesystem..");
        adapters.put("http", "org.toolsetconfig.adapters.http..");
        adapters.put("metrics", "org.toolsetconfig.adapters.metrics..");
        return Collections.unmodifiableMap(adapters);
    }

    private static DescribedPredicate<JavaClass> applicationOutsideItsPorts() {
        return resideInAPackage(APPLICATION).and(not(resideInAPackage(APPLICATION_PORTS)))
                .as("reside in the application outside its ports (" + APPLICATION_PORTS + ")");
    }

    private static ArchCondition<JavaClass> readTheSystemClockOrSleep() {
        return callMethod(System.class, "currentTimeMillis")
                .or(callMethod(System.class, "nanoTime"))
                .or(callMethod(Thread.class, "sleep", long.class))
                .or(callMethod(Thread.class, "sleep", long.class, int.class))
                .or(callMethod(Instant.class, "now"))
                .or(callMethod(LocalDateTime.class, "now"))
                .or(callMethod(LocalDate.class, "now"))
                .or(callMethod(OffsetDateTime.class, "now"))
                .or(callMethod(ZonedDateTime.class, "now"))
                .as("read the system clock or sleep");
    }
}
