package org.natterjack.webadmin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The web admin sees the gateway only through the admin API and the plug-in SPI. */
@AnalyzeClasses(packages = "org.natterjack.webadmin", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheAdminApiAndTheSpi = noClasses()
            .that().resideInAPackage("org.natterjack.webadmin..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.sip..", "org.natterjack.media..",
                    "org.natterjack.routing..", "org.natterjack.nat..", "org.natterjack.status..",
                    "org.natterjack.cli..", "javax.sip..")
            .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "store internals (anything but Store and StoreException)", c ->
                            c.getPackageName().startsWith("org.natterjack.store")
                                    && !c.getSimpleName().equals("Store")
                                    && !c.getSimpleName().equals("StoreException")))
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.natterjack.Gateway")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.natterjack.admin.CoreAdmin")
            .because("the STYLE note: the web admin uses the gateway's small typed API, never its internals");

    @ArchTest
    static final ArchRule upgradesOnlyThroughTheirApi = noClasses()
            .that().resideInAPackage("org.natterjack.webadmin..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.natterjack.upgrade..")
                    .and(JavaClass.Predicates.resideOutsideOfPackage("org.natterjack.upgrade.api.."))
                    .as("the upgrade agent outside its api package"))
            .because("the upgrade agent's internals (RAUC, bundles) can change under its api package");

    @ArchTest
    static final ArchRule networkOnlyThroughItsApi = noClasses()
            .that().resideInAPackage("org.natterjack.webadmin..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.natterjack.network..")
                    .and(JavaClass.Predicates.resideOutsideOfPackage("org.natterjack.network.api.."))
                    .as("the network plug-in outside its api package"))
            .because("the network plug-in's files and root-side protocol can change under its api package");

    @ArchTest
    static final ArchRule tunnelOnlyThroughItsApi = noClasses()
            .that().resideInAPackage("org.natterjack.webadmin..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.natterjack.tunnel..")
                    .and(JavaClass.Predicates.resideOutsideOfPackage("org.natterjack.tunnel.api.."))
                    .as("the tunnel plug-in outside its api package"))
            .because("the tunnel's endpoint, agent and protocol code can change under its api package");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.natterjack.webadmin.(*)..")
            .should().beFreeOfCycles();
}
