package org.natterjack.sip.proxy.plan;

/**
 * What chose a step of a plan, for the call's record.
 *
 * @param rule {@code rule N} (the routing table's id), {@code local user}, {@code home route} or
 *     {@code other domain}
 * @param destination as a rule writes it ({@code user:alice}, {@code trunk:pstn}, ...), or {@code domain:HOST}
 * @param user the user part the request goes out with
 */
public record RouteChoice(String rule, String destination, String user) {
}
