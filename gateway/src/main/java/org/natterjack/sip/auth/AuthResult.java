package org.natterjack.sip.auth;

/** The verdict on one set of digest credentials. */
public enum AuthResult {
    /** Right credentials, fresh nonce, nonce count not seen before. */
    VALID,
    /** Right credentials but the nonce expired or is not one we still track: challenge again with stale=true. */
    STALE,
    /** The nonce count was already used with this nonce: a replayed request. */
    REPLAYED,
    /** Wrong password, user, realm or algorithm. */
    INVALID
}
