package org.toolsetconfig.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards {@link ProjectArchitectureTest} against passing vacuously: every rule allows an empty selection, so this
 * checks that the import really holds the project's production classes, every listed adapter's among them.
 */
class ProjectImportTest {

    private static final JavaClasses PROJECT = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages(ToolsetConfigArchitecture.BASE_PACKAGE);

    @Test
    void importHoldsTheDomainAndTheApplication() {
        assertTrue(PROJECT.contain("org.toolsetconfig.domain.ToolsetName"), "domain classes imported");
        assertTrue(PROJECT.contain("org.toolsetconfig.application.service.ToolsetConfigCore"), "services imported");
        assertTrue(PROJECT.contain("org.toolsetconfig.application.port.out.ConfigSource"), "ports imported");
    }

    @Test
    void importHoldsEveryListedAdapter() {
        for (String adapter : ToolsetConfigArchitecture.PROJECT_ADAPTERS) {
            String name = adapter.substring(0, adapter.length() - 2);
            assertTrue(PROJECT.stream().anyMatch(javaClass -> javaClass.getPackageName().startsWith(name)),
                    "no class of " + name + " imported: add its module as a test dependency of architecture/pom.xml");
        }
    }

    @Test
    void importHoldsNoTestClasses() {
        List<String> testClasses = PROJECT.stream()
                .map(JavaClass::getName)
                .filter(name -> name.endsWith("Test") || name.contains(".testing.") || name.contains(".fixture"))
                .toList();
        assertEquals(List.of(), testClasses);
    }
}
