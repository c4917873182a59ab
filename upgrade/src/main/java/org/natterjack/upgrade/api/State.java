package org.natterjack.upgrade.api;

/** Where the one upgrade the agent runs stands; {@code received} to {@code rebooting} in this order. */
public enum State {
    /** No upgrade runs (or the last one ended). */
    IDLE,
    /** A bundle is being received and verified. */
    RECEIVED,
    /** Signature, compatible, payload and version checked. */
    VERIFIED,
    /** New calls get 503; waiting for calls to end or the deadline. */
    DRAINING,
    /** RAUC writes the other slot. */
    INSTALLING,
    /** The other slot holds the new version; waiting for the activation time (or the operator). */
    INSTALLED,
    /** {@code pending} written, the other slot marked active, reboot requested. */
    REBOOTING,
    /** A step failed: the drain is lifted, the reason is in the status. */
    FAILED
}
