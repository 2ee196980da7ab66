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
    static final ArchRule projectRules = ToolsetConfigArchitecture.PROJECT_RULES;
}
