package org.toolsetconfig.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards {@link ProjectArchitectureTest} against passing vacuously: every rule allows an empty selection, so this
 * checks that the import really holds the project's production classes, and that every rule constant is run.
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
    void importHoldsNoTestClasses() {
        List<String> testClasses = PROJECT.stream()
                .map(JavaClass::getName)
                .filter(name -> name.endsWith("Test") || name.contains(".testing.") || name.contains(".fixture"))
                .toList();
        assertEquals(List.of(), testClasses);
    }

    @Test
    void everyRuleConstantIsRunOnTheProject() {
        List<String> constants = Arrays.stream(ToolsetConfigArchitecture.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()))
                .filter(field -> com.tngtech.archunit.lang.ArchRule.class.isAssignableFrom(field.getType()))
                .map(Field::getName)
                .sorted()
                .toList();
        long archTests = Arrays.stream(ProjectArchitectureTest.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(com.tngtech.archunit.junit.ArchTest.class))
                .count();
        assertEquals(constants.size(), archTests, "one @ArchTest per rule constant: " + constants);
        assertEquals(constants.size(), ToolsetConfigArchitecture.projectRules().size(),
                "projectRules() lists every rule constant: " + constants);
    }
}
