package org.natterjack.routing;

/**
 * Tells the proxy how to reach a trunk ({@code trunk:NAME} routes). The PSTN plug-in implements it: a trunk is
 * a telephone line behind Asterisk, reached over SIP on loopback.
 *
 * <p>Called on SIP threads for every call to a trunk, so it must answer from memory, without blocking.
 */
@FunctionalInterface
public interface TrunkResolver {

    /** Used while no plug-in provides trunks: every trunk is unavailable. */
    TrunkResolver NONE = (trunk, number) -> new TrunkHop.Unavailable("no PSTN adapter is running");

    /** Where a call for {@code number} (after the rule's number manipulation) over {@code trunk} goes now. */
    TrunkHop resolve(String trunk, String number);
}
