package org.scriptorium.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the shape of the house: feature packages that depend on each other without cycles, each table with its owner. */
class ModuleStructureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.scriptorium");
    }

    @Test
    @DisplayName("the feature packages depend on each other without cycles")
    void acyclic() {
        slices().matching("org.scriptorium.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("marking sits below delivery and the tracer above it: nothing below the tracer reaches up to it")
    void tracerAboveDelivery() {
        noClasses().that().resideInAnyPackage("org.scriptorium.tracing..", "org.scriptorium.delivery..",
                        "org.scriptorium.library..", "org.scriptorium.membership..", "org.scriptorium.account..")
                .should().dependOnClassesThat().resideInAPackage("org.scriptorium.tracer..")
                .check(classes);
        noClasses().that().resideInAPackage("org.scriptorium.tracing..")
                .should().dependOnClassesThat().resideInAPackage("org.scriptorium.delivery..")
                .check(classes);
    }

    @Test
    @DisplayName("the tracer's rules (finder, reader, scorer, bound) need no Spring")
    void tracerRulesArePlainJava() {
        noClasses().that().resideInAPackage("org.scriptorium.tracer..")
                .and().haveSimpleNameNotStartingWith("Trace")
                .and().haveSimpleNameNotStartingWith("Leak")
                .and().doNotHaveSimpleName("Probabilities")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    @DisplayName("only the delivery module reads or writes the ledger's table; others ask it through a method")
    void ledgerTableBelongsToDelivery() throws IOException {
        Path main = Path.of("src/main/java/org/scriptorium");
        Pattern sql = Pattern.compile("(?i)\\b(from|join|into|update)\\s+deliveries\\b");
        List<String> readers;
        try (Stream<Path> files = Files.walk(main)) {
            readers = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> {
                        try {
                            return sql.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(f -> main.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.startsWith("bench/"))
                    .toList();
        }
        assertThat(readers).allMatch(f -> f.startsWith("delivery/"), "inside the delivery module");
    }
}
