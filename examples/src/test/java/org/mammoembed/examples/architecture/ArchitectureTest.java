package org.mammoembed.examples.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the README's Architecture section promises, checked on the library's main classes (every module is on
 * this module's test class path). To add a module (mammo-spark): one line in {@link Modules#ALLOWED}.
 */
class ArchitectureTest {
    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(Modules.ROOT);
        if (library.stream().noneMatch(c -> c.getPackageName().startsWith(Modules.ROOT + ".core"))) {
            throw new IllegalStateException("no mammo-core classes imported: the test cannot judge anything");
        }
    }

    static Stream<String> modules() {
        return Modules.ALLOWED.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0} depends only on its allowed modules")
    @MethodSource("modules")
    void moduleDependencyDirections(String module) {
        Set<String> allowed = Modules.ALLOWED.get(module);
        String[] packages = Stream.concat(Stream.of(module), allowed.stream()).map(Modules::packagesOf)
                .toArray(String[]::new);
        DescribedPredicate<JavaClass> target = resideOutsideOfPackage(Modules.ROOT + "..")
                .or(resideInAnyPackage(packages));
        ArchRule rule = classes().that(resideInAPackage(Modules.packagesOf(module)))
                .should().onlyDependOnClassesThat(target)
                .because("the README's Architecture: " + module + " -> " + allowed);
        rule.check(library);
    }

    @Test
    void onlyExamplesPrint() {
        noClasses().that(resideOutsideOfPackage(Modules.packagesOf("examples")))
                .should(ACCESS_STANDARD_STREAMS)
                .because("library code logs through SLF4J and never prints")
                .check(library);
    }

    @Test
    void coreImportsNothingHeavy() {
        noClasses().that(resideInAPackage(Modules.packagesOf("core")))
                .should().dependOnClassesThat(resideInAnyPackage(Modules.HEAVY.toArray(String[]::new)))
                .because("mammo-core is plain Java: other modules and heavy dependencies build on it")
                .check(library);
    }

    @Test
    void noSmileTypeInAnyPublicSignature() {
        classes().that().arePublic()
                .should(PublicSignatures.mentionNone(resideInAPackage("smile..")))
                .because("Smile is GPL-3.0 and kept inside mammo-reduce's implementation")
                .check(library);
    }

    @Test
    void theSignatureConditionSeesSmileWhereItIs() {
        JavaClasses fixture = new ClassFileImporter().importClasses(LeaksSmile.class, HidesSmile.class);
        com.tngtech.archunit.lang.EvaluationResult leaks = classes().that().haveSimpleName("LeaksSmile")
                .should(PublicSignatures.mentionNone(resideInAPackage("smile.."))).evaluate(fixture);
        org.junit.jupiter.api.Assertions.assertTrue(leaks.hasViolation(), "a public method returning a Smile type");
        org.junit.jupiter.api.Assertions.assertEquals(2, leaks.getFailureReport().getDetails().size(),
                String.join("\n", leaks.getFailureReport().getDetails()));
        org.junit.jupiter.api.Assertions.assertFalse(classes().that().haveSimpleName("HidesSmile")
                .should(PublicSignatures.mentionNone(resideInAPackage("smile.."))).evaluate(fixture).hasViolation());
    }

    /** Fixture: Smile in a public return type and a generic parameter. */
    public static final class LeaksSmile {
        public smile.math.distance.EuclideanDistance distance() {
            return new smile.math.distance.EuclideanDistance();
        }

        public void fit(List<smile.math.distance.EuclideanDistance> ds) {
        }
    }

    /** Fixture: Smile only inside a method body and a private member. */
    public static final class HidesSmile {
        private smile.math.distance.EuclideanDistance hidden;

        public double distance(double[] a, double[] b) {
            hidden = new smile.math.distance.EuclideanDistance();
            return hidden.d(a, b);
        }
    }

    @Test
    void internalPackagesStayInsideTheirModule() {
        for (String module : Modules.ALLOWED.keySet()) {
            String[] insiders = Stream.concat(Stream.of(module),
                    Modules.INTERNAL_SHARED_WITH.getOrDefault(module, Set.of()).stream())
                    .map(Modules::packagesOf).toArray(String[]::new);
            noClasses().that(not(resideInAnyPackage(insiders)))
                    .should().dependOnClassesThat(resideInAPackage(Modules.ROOT + "." + module + ".internal.."))
                    .because(module + ".internal is not part of the API")
                    .allowEmptyShould(true)
                    .check(library);
        }
    }

    /** The module map: the single place to change when a module is added. */
    static final class Modules {
        static final String ROOT = "org.mammoembed";

        /** Module (package under {@link #ROOT}) to the modules it may depend on. */
        static final Map<String, Set<String>> ALLOWED = Map.of(
                "core", Set.of(),
                "dicom", Set.of("core"),
                "embed", Set.of("core"),
                "reduce", Set.of("core"),
                "io", Set.of("core"),
                "examples", Set.of("core", "dicom", "embed", "reduce", "io"));

        /**
         * Internal packages shared with named library modules, as the module-info's qualified
         * {@code exports ... to ...} say: mammo-core's DICOM sniffing serves mammo-dicom's parser.
         */
        static final Map<String, Set<String>> INTERNAL_SHARED_WITH = Map.of("core", Set.of("dicom", "embed", "io"));

        /** What mammo-core must never see. */
        static final List<String> HEAVY = List.of(ROOT + ".dicom..", ROOT + ".embed..", ROOT + ".reduce..",
                ROOT + ".io..", ROOT + ".spark..", ROOT + ".examples..", "org.nd4j..", "org.bytedeco..",
                "ai.onnxruntime..", "smile..", "com.fasterxml.jackson..", "org.jfree..", "javax.imageio..",
                "com.twelvemonkeys..", "com.github.jaiimageio..", "jj2000..", "org.apache.spark..");

        static String packagesOf(String module) {
            return ROOT + "." + module + "..";
        }

        private Modules() {
        }
    }
}
