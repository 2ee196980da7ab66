package org.toolsetconfig.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasType.Predicates.rawType;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethod;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The architecture of the Toolset Config Service (docs/architecture.md) as ArchUnit rules: the project runs
 * {@link #PROJECT_RULES} on itself, and a team that writes its own adapter runs {@link #rulesFor(String...)} on its
 * adapter package, e.g. {@code ToolsetConfigArchitecture.rulesFor("com.example.webhook").check(importedClasses)}.
 *
 * <p>Every rule passes on an empty import, so whoever runs them checks that the import holds the classes it means to
 * judge.
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
    /** The composition root: the only place that knows Guice and wires everything. */
    public static final String BOOTSTRAP = "org.toolsetconfig.bootstrap..";

    /**
     * The project's own adapters, by their sub-package of {@code org.toolsetconfig.adapters}. A new adapter module is
     * one more word here; {@link #PROJECT_RULES} fails on an adapter package that is not listed.
     */
    public static final List<String> PROJECT_ADAPTERS = projectAdapters("filesystem", "http", "metrics", "kubernetes");

    static final ArchRule EVERY_ADAPTER_LISTED = classes()
            .that().resideInAPackage("org.toolsetconfig.adapters..")
            .should().resideInAnyPackage(PROJECT_ADAPTERS.toArray(String[]::new))
            .because("an adapter the rules do not know is an adapter they do not check: add it to "
                    + "ToolsetConfigArchitecture.PROJECT_ADAPTERS")
            .allowEmptyShould(true);

    /** Every rule the project holds itself to: {@link #rulesFor(String...)} on its adapters, no unlisted adapter. */
    public static final ArchRule PROJECT_RULES = CompositeArchRule
            .of(rules(PROJECT_ADAPTERS.toArray(String[]::new)))
            .and(EVERY_ADAPTER_LISTED);

    private ToolsetConfigArchitecture() {
    }

    /**
     * The rules for the project's core and the given adapters: ArchUnit's onion (nothing inward depends on an
     * outer ring, adapters never on each other, bootstrap outside it all), a core that knows the JDK, the domain and
     * SLF4J only, ports that never name a service, adapters that use the project only through the domain and the
     * application's ports and never know Guice, time from an injected clock, and, on every imported class, no
     * {@code @Inject} field, no standard streams, no generic exceptions, no {@code java.util.logging}, no package
     * cycle.
     *
     * @param adapterPackages one package per adapter, e.g. {@code "com.example.webhook"} (its sub-packages included;
     *     {@code "com.example.webhook.."} means the same)
     * @return one composite rule that reports every violation
     */
    public static ArchRule rulesFor(String... adapterPackages) {
        return CompositeArchRule.of(rules(adapterPackages));
    }

    /** The parts of {@link #rulesFor(String...)}, one by one, so that a test can show each of them bite. */
    static List<ArchRule> rules(String... adapterPackages) {
        List<String> adapters = Arrays.stream(adapterPackages).map(ToolsetConfigArchitecture::packageIdentifier)
                .toList();
        if (adapters.isEmpty()) {
            throw new IllegalArgumentException(
                    "name at least one adapter package, e.g. rulesFor(\"com.example.webhook\")");
        }
        List<ArchRule> rules = new ArrayList<>();
        rules.add(onion(adapters));
        rules.add(classes()
                .that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
                .because("the domain is embedded as a plain library and must know nothing but the JDK "
                        + "(docs/architecture.md)"));
        rules.add(classes()
                .that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION, "org.slf4j..",
                        "com.google.re2j..")
                .because("the application is embedded as a plain library: domain, its own ports, the SLF4J API and "
                        + "RE2/J for failure patterns only (docs/architecture.md)"));
        rules.add(noClasses()
                .that().resideInAPackage(APPLICATION_PORTS)
                .should().dependOnClassesThat().resideInAPackage(APPLICATION_SERVICES)
                .because("adapters compile against the ports alone"));
        for (String adapter : adapters) {
            rules.add(noClasses()
                    .that().resideInAPackage(adapter)
                    .should().dependOnClassesThat(resideInAPackage(BASE_PACKAGE + "..")
                            .and(not(resideInAnyPackage(DOMAIN, APPLICATION_PORTS, adapter)))
                            .or(resideInAPackage("com.google.inject.."))
                            .as("are Guice or project classes outside the domain, the application's ports and "
                                    + adapter))
                    .because("adapters use the domain and the application's ports, never the application's services "
                            + "or internals, another adapter or bootstrap; only bootstrap knows Guice "
                            + "(docs/architecture.md)"));
        }
        rules.add(noClasses()
                .that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should(readTheSystemClockOrSleep())
                .because("time comes from an injected java.time.Clock, so tests control it (docs/architecture.md)"));
        // ArchUnit's built-in field-injection rule misses jakarta.inject.Inject, which Guice 7 uses.
        rules.add(noFields()
                .should().beAnnotatedWith(rawType("jakarta.inject.Inject")
                        .or(rawType("com.google.inject.Inject"))
                        .or(rawType("javax.inject.Inject"))
                        .as("@Inject of jakarta.inject, com.google.inject or javax.inject"))
                .because("dependencies arrive through the constructor into final fields (docs/architecture.md)"));
        rules.add(GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS);
        rules.add(GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS);
        rules.add(GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING);
        rules.add(slices().matching("(**)").should().beFreeOfCycles());
        return rules.stream().map(rule -> rule.allowEmptyShould(true)).toList();
    }

    private static ArchRule onion(List<String> adapters) {
        Architectures.OnionArchitecture onion = Architectures.onionArchitecture()
                .domainModels(DOMAIN)
                .applicationServices(APPLICATION)
                // The composition root wires every ring, so its own dependencies are not onion violations.
                .ignoreDependency(resideInAPackage(BOOTSTRAP), alwaysTrue())
                .withOptionalLayers(true);
        for (String adapter : adapters) {
            onion = onion.adapter(adapter.substring(0, adapter.length() - 2), adapter);
        }
        return onion;
    }

    private static String packageIdentifier(String adapterPackage) {
        Objects.requireNonNull(adapterPackage, "adapterPackage");
        String trimmed = adapterPackage.strip();
        String name = trimmed.endsWith("..") ? trimmed.substring(0, trimmed.length() - 2) : trimmed;
        if (name.isEmpty() || name.contains("*") || name.contains("..") || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("an adapter package is a package name such as 'com.example.webhook' "
                    + "or 'com.example.webhook..', was '" + adapterPackage + "'");
        }
        return name + "..";
    }

    private static List<String> projectAdapters(String... names) {
        return Arrays.stream(names).map(name -> BASE_PACKAGE + ".adapters." + name + "..").toList();
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
