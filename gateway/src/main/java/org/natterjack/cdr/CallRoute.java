package org.natterjack.cdr;

/**
 * Where the proxy sent a call: the number as dialled and after the routing rule's manipulation, and which rule
 * chose which destination. When a route fails over, the last one tried.
 *
 * @param dialled the Request-URI's user part as the call arrived
 * @param callee the user part the call went out with
 * @param rule {@code rule N} (the routing table's id), {@code home route}, or {@code local user} when no rule
 *     matched and the call went to the dialled user; empty when the call was not routed
 * @param destination as a rule writes it: {@code user:NAME}, {@code trunk:NAME}, {@code group:NAME},
 *     {@code hop:HOST:PORT}, {@code domain:HOST} for another domain found in DNS; empty when not routed
 */
public record CallRoute(String dialled, String callee, String rule, String destination) {

    /** A call answered before routing (refused, redirected). */
    public static CallRoute unrouted(String dialled) {
        return new CallRoute(dialled, "", "", "");
    }
}
