package org.natterjack.nat;

/** One piece of evidence that a client sits behind NAT. */
public enum NatIndication {
    /** The packet came from another address than the top Via's sent-by. */
    VIA_ADDRESS_DIFFERS,
    /** The packet came from another port than the top Via's sent-by (datagram transports only). */
    VIA_PORT_DIFFERS,
    /** The Contact names another address (or, over UDP, port) than the packet came from. */
    CONTACT_DIFFERS,
    /** The Contact holds a private, shared or link-local address. */
    CONTACT_PRIVATE,
    /** Nothing was found, but the user's NAT policy is {@code always}. */
    POLICY
}
