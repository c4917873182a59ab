package org.natterjack.tunnel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The tunnel's layering: the protocol (wire format and login) is plain code that others can read as the reference;
 * the gateway endpoint and the agent share it and know nothing of each other; and the endpoint reaches the core
 * only through the plug-in SPI (carried SIP connections, credentials, media carriers).
 */
@AnalyzeClasses(packages = "org.natterjack.tunnel", importOptions = ImportOption.DoNotIncludeTests.class)
class TunnelArchitectureTest {

    @ArchTest
    static final ArchRule theProtocolIsPlainCode = noClasses()
            .that().resideInAnyPackage("org.natterjack.tunnel.wire..", "org.natterjack.tunnel.login..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "gov.nist..", "javax.sip..",
                    "org.natterjack.tunnel.gateway..", "org.natterjack.tunnel.agent..", "org.natterjack.plugin..")
            .because("docs/tunnel.md describes the frames and the login; their code must read the same way");

    @ArchTest
    static final ArchRule endpointAndAgentAreIndependent = noClasses()
            .that().resideInAPackage("org.natterjack.tunnel.agent..")
            .should().dependOnClassesThat().resideInAPackage("org.natterjack.tunnel.gateway..")
            .because("the agent runs on client machines; it speaks the protocol, not the endpoint's code");

    @ArchTest
    static final ArchRule onlyTheSpiOfTheCore = noClasses()
            .that().resideInAPackage("org.natterjack.tunnel..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.sip..", "org.natterjack.store..",
                    "org.natterjack.cli..", "org.natterjack.webadmin..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.natterjack.Gateway")
            .because("the tunnel feeds the core through SipConnections and MediaCarriers, like any plug-in");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.natterjack.tunnel.(**)")
            .should().beFreeOfCycles();
}
