package dev.backprop;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;

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

    @Test
    void noFeatureMakesAnHttpAnswerOfItsFailures() {
        // Features throw the failures of dev.backprop.failure; the one advice decides which answer each gets.
        noClasses()
                .should()
                .callConstructorWhere(target(owner(assignableTo(ErrorResponse.class))))
                .because("an HTTP exception thrown deep in a feature is a second error path beside the advice")
                .check(classes);
    }

    @Test
    void theFailuresKnowNothingOfHttp() {
        classes()
                .that()
                .resideInAPackage("dev.backprop.failure..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.backprop.failure..", "java..")
                .check(classes);
    }

    @Test
    void onlyTheWebEdgeWritesProblems() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.backprop.api..", "dev.backprop.config..", "dev.backprop.problem..")
                .and()
                .areNotAnnotatedWith(RestController.class)
                .and()
                .areNotAnnotatedWith(RestControllerAdvice.class)
                .and()
                .areNotAssignableTo(OncePerRequestFilter.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.backprop.problem..")
                .check(classes);
    }

    @Test
    void featuresDoNotReachIntoTheConfiguration() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.backprop.config..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.backprop.config..")
                .check(classes);
    }

    @Test
    void theApiAndTheConfigurationKnowNothingOfEachOther() {
        noClasses()
                .that()
                .resideInAPackage("dev.backprop.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.backprop.config..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.backprop.config..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.backprop.api..")
                .check(classes);
    }

    @Test
    void repeatingTasksRunOnTheLoopsSchedulers() {
        // A plain scheduled executor ends a loop silently at its first exception; Loops.scheduler keeps it.
        noClasses()
                .should()
                .callMethod(Executors.class, "newSingleThreadScheduledExecutor")
                .orShould()
                .callMethod(Executors.class, "newSingleThreadScheduledExecutor", ThreadFactory.class)
                .orShould()
                .callMethod(Executors.class, "newScheduledThreadPool", int.class)
                .orShould()
                .callMethod(Executors.class, "newScheduledThreadPool", int.class, ThreadFactory.class)
                .check(classes);
    }
}
