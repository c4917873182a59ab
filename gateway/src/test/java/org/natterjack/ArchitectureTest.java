package org.natterjack;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway's one-way layering, bottom to top:
 *
 * <pre>
 *   net                           (nothing of ours)           - flows, transports, IP literals, private ranges
 *   config                        (net)
 *   sip.transport                 (config, net; Version)           - the only user of JAIN-SIP RI internals
 *   sip.auth                      (config)                    - no SIP stack types at all
 *   sip.inspect                   (javax.sip only)            - request checks per role (416, 420)
 *   nat detection                 (config, net)
 *   sip.registrar                 (config, nat, sip.auth, sip.transport) - JAIN-SIP only in RegisterHandler
 *   sip.proxy.plan                (config, location, routing, users, sip.auth) - where a call goes; no SIP types
 *   store                         (implements sip.auth.UserDirectory and sip.registrar.BindingListener)
 *   sip.keepalive                 (sip.registrar, sip.transport) - NAT keepalives to registered bindings
 *   media.sdp                     (net)                   - SDP model, parser, rewriter
 *   media.relay                   (config, media.sdp)         - sockets, latching, sessions; no SIP at all
 *   sip (dispatcher), jobs
 *   plugin                        (config, routing, store, jobs) - the SPI plug-ins (pstn, web admin) see
 *   org.natterjack.Gateway        (wires everything)
 *   cli                           (top: nothing depends on it)
 * </pre>
 */
@AnalyzeClasses(packages = "org.natterjack", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static DescribedPredicate<JavaClass> oursOutside(String packageIdentifier) {
        return resideInAPackage("org.natterjack..").and(resideOutsideOfPackage(packageIdentifier))
                .as("classes of ours outside " + packageIdentifier);
    }

    @ArchTest
    static final ArchRule coreDoesNotDependOnStoreOrCli = noClasses()
            .that().resideInAnyPackage("org.natterjack.sip.registrar..", "org.natterjack.sip.auth..",
                    "org.natterjack.nat..", "org.natterjack.config..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.store..", "org.natterjack.cli..")
            .because("the store plugs in behind interfaces (UserDirectory, BindingListener); the core never"
                    + " reaches for it");

    @ArchTest
    static final ArchRule netDependsOnNothingElseOfOurs = noClasses()
            .that().resideInAPackage("org.natterjack.net..")
            .should().dependOnClassesThat(oursOutside("org.natterjack.net.."))
            .because("the network facts (flows, transports, addresses) are the bottom layer");

    @ArchTest
    static final ArchRule configDependsOnlyOnNet = noClasses()
            .that().resideInAPackage("org.natterjack.config..")
            .should().dependOnClassesThat(oursOutside("org.natterjack.config..")
                    .and(resideOutsideOfPackage("org.natterjack.net..")))
            .because("configuration sits right above the network facts");

    @ArchTest
    static final ArchRule nothingDependsOnCli = noClasses()
            .that().resideOutsideOfPackage("org.natterjack.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.natterjack.cli..")
            .because("the command line is the top layer");

    @ArchTest
    static final ArchRule jainSipStaysInTheSipLayer = noClasses()
            .that().resideOutsideOfPackages("org.natterjack.sip..", "org.natterjack")
            .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..")
            .because("only the SIP layer and the wiring in Gateway touch the SIP stack");

    @ArchTest
    static final ArchRule registrarMeetsJainSipOnlyInRegisterHandler = noClasses()
            .that().resideInAPackage("org.natterjack.sip.registrar..")
            .and().haveNameNotMatching("org\\.natterjack\\.sip\\.registrar\\.RegisterHandler(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..")
            .because("the registrar decides on RegisterRequest; RegisterHandler is its only contact with"
                    + " JAIN-SIP");

    @ArchTest
    static final ArchRule thePlannerDecidesWithoutTheSipStack = noClasses()
            .that().resideInAPackage("org.natterjack.sip.proxy.plan..")
            .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..",
                    "org.natterjack.sip.transport..", "org.natterjack.sip.dns..", "org.natterjack.media..")
            .orShould().dependOnClassesThat().resideInAPackage("org.natterjack.sip.proxy")
            .because("where a call goes is decided on plain values and unit-tested without JAIN-SIP, like the"
                    + " registrar; running the plan on transactions is the proxy's executor");

    @ArchTest
    static final ArchRule authIsFreeOfSipTypes = noClasses()
            .that().resideInAPackage("org.natterjack.sip.auth..")
            .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..",
                    "org.natterjack.sip.registrar..", "org.natterjack.sip.transport..", "org.natterjack.nat..",
                    "org.natterjack.net..")
            .because("digest authentication is plain arithmetic over strings");

    @ArchTest
    static final ArchRule onlyTransportAndDispatcherUseStackInternals = noClasses()
            .that().resideOutsideOfPackages("org.natterjack.sip.transport..", "org.natterjack.sip")
            .should().dependOnClassesThat().resideInAPackage("gov.nist..")
            .because("the rest of the code uses the javax.sip API, not the reference implementation");

    @ArchTest
    static final ArchRule transportIsTheBottomSipLayer = noClasses()
            .that().resideInAPackage("org.natterjack.sip.transport..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.sip.registrar..",
                    "org.natterjack.sip.auth..", "org.natterjack.nat..", "org.natterjack.store..",
                    "org.natterjack.jobs..")
            .orShould().dependOnClassesThat().resideInAPackage("org.natterjack.sip")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.natterjack.Gateway");

    @ArchTest
    static final ArchRule natDetectionDoesNotKnowTheRegistrar = noClasses()
            .that().resideInAPackage("org.natterjack.nat..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.sip.registrar..",
                    "org.natterjack.sip.auth..", "javax.sip..")
            .because("the registrar uses NAT detection, not the other way round");

    @ArchTest
    static final ArchRule onlyTheWiringKnowsTheLocationServiceImplementation = classes()
            .that().haveFullyQualifiedName("org.natterjack.location.MemoryLocationService")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage("org.natterjack", "org.natterjack.location")
            .because("the registrar, proxy, keepalives and admin use the LocationService interface, so a shared"
                    + " implementation can replace it");

    @ArchTest
    static final ArchRule locationKnowsNoSipStackAndNoStore = noClasses()
            .that().resideInAPackage("org.natterjack.location..")
            .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..", "org.natterjack.sip..",
                    "org.natterjack.store..")
            .because("bindings are facts about clients and flows; the registrar writes them, the store keeps them");

    @ArchTest
    static final ArchRule registrarStaysBelowTheDispatcherAndWiring = noClasses()
            .that().resideInAPackage("org.natterjack.sip.registrar..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.sip", "org.natterjack",
                    "org.natterjack.jobs..");

    @ArchTest
    static final ArchRule storeIsBelowTheWiring = noClasses()
            .that().resideInAPackage("org.natterjack.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack", "org.natterjack.sip",
                    "org.natterjack.jobs..");

    @ArchTest
    static final ArchRule jobsDependOnNothingElseOfOurs = noClasses()
            .that().resideInAPackage("org.natterjack.jobs..")
            .should().dependOnClassesThat(oursOutside("org.natterjack.jobs.."))
            .because("jobs only run Runnables they are handed");

    @ArchTest
    static final ArchRule pluginsSeeNoSipInternals = noClasses()
            .that().resideInAPackage("org.natterjack.plugin..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.sip..", "javax.sip..", "gov.nist..")
            .because("plug-ins reach the core through GatewayContext and the routing types, never the SIP layer");

    @ArchTest
    static final ArchRule adminApiSpeaksInItsOwnTypes = noClasses()
            .that().resideInAPackage("org.natterjack.admin..").and().arePublic()
            .and().doNotHaveFullyQualifiedName("org.natterjack.admin.CoreAdmin")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.sip..", "org.natterjack.media..",
                    "org.natterjack.store..", "org.natterjack.routing..", "javax.sip..")
            .because("the web admin uses the admin API's records, so the internals can change under it");

    @ArchTest
    static final ArchRule onlyCliStartsTheGateway = classes()
            .that().haveFullyQualifiedName("org.natterjack.Gateway")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage("org.natterjack", "org.natterjack.cli..");

    @ArchTest
    static final ArchRule mediaKnowsNoSip = noClasses()
            .that().resideInAPackage("org.natterjack.media..")
            .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..", "org.natterjack.sip..")
            .because("the relay and SDP handling are used by the proxy, never the other way round; the proxy"
                    + " translates SIP into relay calls");

    @ArchTest
    static final ArchRule mediaStaysBelowStoreJobsAndWiring = noClasses()
            .that().resideInAPackage("org.natterjack.media..")
            .should().dependOnClassesThat().resideInAnyPackage("org.natterjack.store..", "org.natterjack.jobs..",
                    "org.natterjack.nat..", "org.natterjack.routing..", "org.natterjack");

    @ArchTest
    static final ArchRule sdpIsPlainText = noClasses()
            .that().resideInAPackage("org.natterjack.media.sdp..")
            .should().dependOnClassesThat(oursOutside("org.natterjack.media.sdp..")
                    .and(resideOutsideOfPackage("org.natterjack.net..")))
            .orShould().dependOnClassesThat().resideInAPackage("java.nio.channels..")
            .because("SDP handling is a codec: no sockets, no relay state");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.natterjack.(**)")
            .should().beFreeOfCycles();
}
