package org.natterjack.pstn.ami;

import org.asteriskjava.manager.action.OriginateAction;

/**
 * The Originate that places a test call: a Local channel into the generated {@code nj-test-call} context, which
 * runs the same dialplan as calls from the gateway (caller ID, failover), so the test covers what users get.
 * Once answered, the call stays up in silence ({@code Wait}) for a few seconds.
 */
public final class TestCallAction {

    /** How long an answered test call stays up before it hangs up. */
    static final int TALK_SECONDS = 5;

    private TestCallAction() {
    }

    /** The Local channel a test call of {@code number} over {@code trunk} starts with. */
    public static String channel(String trunk, String number) {
        return "Local/" + trunk + "-" + number + "@nj-test-call";
    }

    public static OriginateAction of(String trunk, String number, int ringSeconds) {
        OriginateAction originate = new OriginateAction();
        originate.setChannel(channel(trunk, number));
        originate.setApplication("Wait");
        originate.setData(Integer.toString(TALK_SECONDS));
        originate.setTimeout((long) ringSeconds * 1000);
        originate.setAsync(true);
        return originate;
    }
}
