package org.natterjack.pstn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The adapter's layering: the models (calls, status), the plan (trunk) and configuration generation (asterisk)
 * know nothing of AMI or asterisk-java; only {@code ami} and {@code agi} translate between Asterisk's protocols
 * and them; and the adapter uses the core only through the plug-in SPI, routing and the store.
 */
@AnalyzeClasses(packages = "org.natterjack.pstn", importOptions = ImportOption.DoNotIncludeTests.class)
class PstnArchitectureTest {

    @ArchTest
    static final ArchRule modelsAreFreeOfAsteriskJava = noClasses()
            .that().resideInAnyPackage("org.natterjack.pstn.calls..", "org.natterjack.pstn.status..",
                    "org.natterjack.pstn.trunk..", "org.natterjack.pstn.asterisk..", "org.natterjack.pstn.store..")
            .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
            .because("the wire format stays in the ami and agi translation layers");

    @ArchTest
    static final ArchRule onlyTheSpiOfTheCore = noClasses()
            .that().resideInAPackage("org.natterjack.pstn..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.sip..", "org.natterjack.cli..",
                    "javax.sip..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.natterjack.Gateway")
            .because("a plug-in reaches the core only through GatewayContext, routing, config and the store");

    @ArchTest
    static final ArchRule theApiSpeaksInItsOwnRecords = noClasses()
            .that().resideInAPackage("org.natterjack.pstn.api..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.natterjack..")
                    .and(JavaClass.Predicates.resideOutsideOfPackages("org.natterjack.pstn.api..",
                            "org.natterjack.plugin"))
                    .as("classes of ours outside org.natterjack.pstn.api and the plug-in SPI"))
            .because("the web admin reads the api package; the adapter's models, plan and AMI can change under it"
                    + " (its switch is the SPI's PluginSwitch)");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.natterjack.pstn.(**)")
            .should().beFreeOfCycles();
}
