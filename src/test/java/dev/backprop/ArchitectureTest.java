package dev.backprop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The arrows between the packages run one way, as the README's "How it works" draws them. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importTheMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.backprop");
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("dev.backprop.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEngineKnowsNothingOfSpringNorOfTheService() {
        noClasses()
                .that()
                .resideInAPackage("dev.backprop.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..")
                .orShould()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "dev.backprop.engine..", "java..", "jdk..", "org.ojalgo..", "dev.ludovic.netlib..")
                .check(classes);
    }

    /** The kernels are the engine's alone, and know nothing of it: no arrow runs back from them. */
    @Test
    void theKernelsServeTheEngineAlone() {
        noClasses()
                .that()
                .resideInAPackage("dev.backprop.engine.kernels..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("dev.backprop.engine.kernels..", "java..", "jdk..", "dev.ludovic.netlib..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.backprop.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.backprop.engine.kernels..")
                .check(classes);
    }

    @Test
    void theLeavesStayLeaves() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.backprop.image..", "dev.backprop.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "dev.backprop.api..", "dev.backprop.config..")
                .check(classes);
    }
}
