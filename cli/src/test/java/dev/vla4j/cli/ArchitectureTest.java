package dev.vla4j.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's layout table ("may use"): each module's package may use only the modules listed for it; arrows never point back up.
 * Maven already stops a module from seeing a module it does not depend on; this also stops it from reaching
 * past its direct neighbour through a transitive dependency (e.g. sim using perception directly).
 */
class ArchitectureTest {
    private static final String ROOT = "dev.vla4j";

    /** Module package → the vla4j packages its classes may use (its own included). */
    static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("perception", List.of("perception"));
        MAY_USE.put("bridge", List.of("bridge", "perception")); // the tensor engine helpers (HostArrays)
        MAY_USE.put("policy", List.of("policy", "perception", "bridge"));
        MAY_USE.put("sim", List.of("sim", "policy"));
        MAY_USE.put("nodes", List.of("nodes", "policy", "sim"));
        MAY_USE.put("cli", List.of("cli", "nodes", "sim", "policy", "perception", "bridge"));
        MAY_USE.put("testkit", List.of("testkit")); // test support: no production package may use it
    }

    private static String pkg(String module) {
        return ROOT + "." + module + "..";
    }

    static List<ArchRule> rules() {
        List<ArchRule> rules = new ArrayList<>();
        MAY_USE.forEach((module, allowed) -> rules.add(classes().that().resideInAPackage(pkg(module))
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                        .or(resideInAnyPackage(allowed.stream().map(ArchitectureTest::pkg).toArray(String[]::new))))
                .because("the README's layout table lets " + module + " use only " + allowed)
                .allowEmptyShould(true)));
        rules.add(classes().that().resideInAPackage(ROOT + "..")
                .should().resideInAnyPackage(MAY_USE.keySet().stream().map(ArchitectureTest::pkg).toArray(String[]::new))
                .because("every class belongs to one module package of the README's layout table"));
        return rules;
    }

    @Test
    void productionCodeFollowsTheModuleDirection() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        assertTrue(production.contain(Vla4j.class), "the importer found no production classes");
        rules().forEach(rule -> rule.check(production));
    }

    @Test
    void theRulesCatchASimClassReachingIntoPerception() {
        JavaClasses withFixture = new ClassFileImporter().importPackages(ROOT + ".sim.archfixture", ROOT + ".perception");
        List<EvaluationResult> results = rules().stream().map(rule -> rule.evaluate(withFixture)).toList();
        assertTrue(results.stream().anyMatch(EvaluationResult::hasViolation), "the fixture's violation went unseen");
        String report = results.stream().filter(EvaluationResult::hasViolation)
                .map(r -> r.getFailureReport().toString()).reduce("", String::concat);
        assertTrue(report.contains("SimReachingIntoPerception"), report);
        assertFalse(report.contains("TensorEngine.<"), "perception itself must not be reported: " + report);
    }
}
