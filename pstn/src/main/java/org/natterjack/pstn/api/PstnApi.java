package org.natterjack.pstn.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the web admin (or any other plug-in) may ask of the PSTN adapter. Published on the plug-in context
 * while the adapter runs: {@code context.lookup(PstnApi.class)}. Every method answers from memory except
 * those that act on Asterisk, which wait at most the configured AMI timeout. It speaks only in the records of
 * this package, so the adapter's models can change under it.
 */
public interface PstnApi {

    /** Whether the adapter is logged in to Asterisk and, if not, why. */
    AsteriskLink asterisk();

    /** Every trunk: can it take calls now, and if not, why; with its spans. */
    List<TrunkInfo> trunks();

    /** Every configured span with its state (up, alarm, no hardware, ...). */
    List<SpanInfo> spans();

    List<CallInfo> activeCalls();

    /** The last calls that ended (up to 100), newest first, with their Q.850 causes. */
    List<EndedCallInfo> recentCalls();

    /**
     * Places a test call to {@code number} over {@code trunk} (its caller ID and failover apply); when it is
     * answered, it stays up for five seconds of silence and hangs up.
     *
     * @throws AsteriskException if Asterisk is not connected or refuses
     * @throws IllegalArgumentException for an unknown trunk or a number that is not digits
     */
    TestCall originateTestCall(String trunk, String number) throws AsteriskException;

    /**
     * Hangs up every channel of call {@code callId} (normal clearing).
     *
     * @return false if there is no such call
     */
    boolean hangup(String callId) throws AsteriskException;

    /**
     * The settings of trunk {@code name} in the plan Asterisk's configuration was last generated from, which
     * the status methods report on; a change made here is in it at once, one made with the command line within
     * seconds.
     */
    Optional<TrunkSpec> trunk(String name);

    /** The settings of span {@code number}, from the same plan as {@link #trunk}. */
    Optional<SpanSpec> span(int number);

    /**
     * Adds a trunk; Asterisk's configuration is regenerated and reloaded at once (or after the next login).
     *
     * @return the trunk as saved, every field filled in
     * @throws IllegalArgumentException if the trunk is invalid or does not fit the plan; nothing is saved
     */
    TrunkSpec addTrunk(TrunkSpec trunk);

    /**
     * Changes the settings of trunk {@code name} (a trunk keeps its name), applied as {@link #addTrunk} is.
     *
     * @throws IllegalArgumentException as {@link #addTrunk}, or if there is no such trunk
     */
    TrunkSpec updateTrunk(String name, TrunkSpec trunk);

    /**
     * Removes a trunk that no span and no other trunk's failover names any more.
     *
     * @return false if there is no such trunk
     * @throws IllegalArgumentException if a span or a failover still names it
     */
    boolean removeTrunk(String name);

    /**
     * Adds a span, applied as {@link #addTrunk} is; a new span layout needs a restart of Asterisk.
     *
     * @return the span as saved, every field filled in
     */
    SpanSpec addSpan(SpanSpec span);

    /** Replaces span {@code number}; unset fields take the defaults, not the span's current values. */
    SpanSpec updateSpan(int number, SpanSpec span);

    /** @return false if there is no such span */
    boolean removeSpan(int number);

    /**
     * Writes the configuration from the store again and has Asterisk reload it.
     *
     * @return the files whose content changed
     * @throws AsteriskException if Asterisk is not connected (the files are written anyway)
     */
    Set<String> reload() throws AsteriskException;

    /**
     * Has Asterisk restart as soon as no call is up ({@code core restart when convenient}), which applies
     * changed span layouts (a reload does not); the AMI link drops and logs in again by itself.
     *
     * @throws AsteriskException if Asterisk is not connected or refuses
     */
    void restartAsteriskWhenIdle() throws AsteriskException;
}
