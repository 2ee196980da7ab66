package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.architecture.ToolsetConfigArchitecture;

/**
 * Guards {@link BootstrapArchitectureTest} against passing vacuously: its import, the same as here,
 * holds bootstrap and every listed adapter, the Kubernetes one and the module that wires it included.
 */
class BootstrapImportTest {

    private static final JavaClasses IMPORTED = new ClassFileImporter()
            .withImportOptions(java.util.List.of(new ImportOption.DoNotIncludeTests(),
                    new BootstrapArchitectureTest.DoNotIncludeTestJars()))
            .importPackages(ToolsetConfigArchitecture.BASE_PACKAGE);

    @Test
    void theImportHoldsEveryListedAdapterAndTheirWiring() {
        for (String adapter : ToolsetConfigArchitecture.PROJECT_ADAPTERS) {
            String name = adapter.substring(0, adapter.length() - 2);
            assertTrue(IMPORTED.stream().anyMatch(javaClass -> javaClass.getPackageName().startsWith(name)),
                    "no class of " + name + " imported: add its module as a dependency of bootstrap/pom.xml");
        }
        assertTrue(IMPORTED.contain("org.toolsetconfig.adapters.kubernetes.ConfigMapWatcher"));
        assertTrue(IMPORTED.contain(KubernetesAdapterModule.class.getName()));
    }
}
