package org.natterjack.upgrade;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The agent's layers: {@code api} (what the web admin sees) at the bottom, {@code bundle} (file checks) and
 * {@code rauc} (D-Bus) beside each other, {@code channel} on {@code bundle}, the agent and plug-in on top.
 */
@AnalyzeClasses(packages = "org.natterjack.upgrade", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiStandsAlone = noClasses().that().resideInAPackage("org.natterjack.upgrade.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.upgrade", "org.natterjack.upgrade.bundle..",
                    "org.natterjack.upgrade.rauc..", "org.natterjack.upgrade.channel..", "org.freedesktop..",
                    "org.bouncycastle..")
            .because("the web admin compiles against it; RAUC, D-Bus and BouncyCastle stay behind it");

    @ArchTest
    static final ArchRule bundleChecksKnowNoDbus = noClasses().that().resideInAPackage("org.natterjack.upgrade.bundle..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.upgrade.rauc..", "org.freedesktop..",
                    "org.natterjack.upgrade.channel..", "org.natterjack.upgrade");

    @ArchTest
    static final ArchRule raucKnowsNoBundleFormat = noClasses().that().resideInAPackage("org.natterjack.upgrade.rauc..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.upgrade.bundle..",
                    "org.natterjack.upgrade.channel..", "org.bouncycastle..", "org.natterjack.upgrade");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.natterjack.upgrade.(*)..")
            .should().beFreeOfCycles();
}
