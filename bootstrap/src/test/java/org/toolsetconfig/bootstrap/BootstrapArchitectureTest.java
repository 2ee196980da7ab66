package org.toolsetconfig.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.toolsetconfig.architecture.ToolsetConfigArchitecture;

/**
 * The project's architecture rules again, now with bootstrap and every adapter module on the class
 * path: only here do the onion's exemption of the composition root and the rule that every adapter
 * package is listed in {@code PROJECT_ADAPTERS} see all the classes they are about.
 */
@AnalyzeClasses(packages = ToolsetConfigArchitecture.BASE_PACKAGE,
        importOptions = {ImportOption.DoNotIncludeTests.class, BootstrapArchitectureTest.DoNotIncludeTestJars.class})
class BootstrapArchitectureTest {

    /** The filesystem adapter's test-jar (the ConfigMap helper) is on this class path; its tests are not production code. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule projectRules = ToolsetConfigArchitecture.PROJECT_RULES;
}
