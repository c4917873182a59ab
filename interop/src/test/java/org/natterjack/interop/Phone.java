package org.natterjack.interop;

import java.nio.file.Path;

/**
 * A real SIP client under test, driven headless in a network namespace behind its own NAT, registered to
 * the gateway with digest authentication. While a call is up it sends a continuous sine tone of
 * {@link PhoneSpec#toneHz()} as its microphone and records what it receives.
 *
 * <p>Every method blocks until the client reports the outcome (read from its output or control channel,
 * never guessed from a sleep) and fails the test when that does not happen within a bounded time.
 */
interface Phone extends AutoCloseable {

    /** Product and version as the client reports them, e.g. {@code baresip 1.0.0}. */
    String product();

    /** Starts the client and registers it; returns once the gateway accepted the REGISTER (200 OK). */
    void register() throws Exception;

    /** Calls {@code user} in the gateway's domain; returns once the call is answered and confirmed. */
    void call(String user) throws Exception;

    /** Waits for an incoming call, answers it, and returns once it is established. */
    void answer() throws Exception;

    /** Whether the client can put a call on hold itself (a PBX only answers a hold). */
    default boolean holds() {
        return true;
    }

    /** Puts the current call on hold (re-INVITE with a=sendonly or a=inactive); returns once it was accepted. */
    void hold() throws Exception;

    /** Takes the current call off hold (re-INVITE with a=sendrecv); returns once it was accepted. */
    void resume() throws Exception;

    /** Ends the current call with BYE; returns once it is over. */
    void hangUp() throws Exception;

    /** Waits until the far end has ended the current call. */
    void awaitHangUp() throws Exception;

    /**
     * The audio received during the last call that ended, as a WAV file (PCM, mono or the received channel
     * first); only valid after that call ended.
     */
    Path lastCallAudio() throws Exception;

    /** Unregisters if it can, stops the client and its helpers; never throws for a client already gone. */
    @Override
    void close();
}
