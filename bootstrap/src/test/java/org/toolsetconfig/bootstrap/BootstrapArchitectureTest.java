package org.toolsetconfig.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.toolsetconfig.architecture.ToolsetConfigArchitecture;

/**
 * The project's architecture rules again, now with bootstrap on the class path: only here can the
 * rules about the composition root (only bootstrap knows Guice, nothing depends on bootstrap) see
 * the class they are about.
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
    static final ArchRule onlyBootstrapUsesGuice = ToolsetConfigArchitecture.ONLY_BOOTSTRAP_USES_GUICE;

    @ArchTest
    static final ArchRule nothingDependsOnBootstrap = ToolsetConfigArchitecture.NOTHING_DEPENDS_ON_BOOTSTRAP;

    @ArchTest
    static final ArchRule everyProjectRule = ToolsetConfigArchitecture.allProjectRules();
}
