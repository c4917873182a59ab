package org.natterjack.webadmin.auth;

/**
 * The one-time token of first-run setup: exists only while no admin account does, and stops working once
 * the setup page has created one (there is no default password).
 */
public final class SetupToken {

    private String token;

    /** Issues a token if none is pending. */
    public synchronized String issue() {
        if (token == null) {
            token = Secrets.token();
        }
        return token;
    }

    public synchronized boolean pending() {
        return token != null;
    }

    /**
     * Runs {@code setup} if {@code offered} is the pending token, then retires the token; at most once.
     *
     * @return false if the token is wrong or used up
     */
    public synchronized boolean redeem(String offered, Runnable setup) {
        if (token == null || !Secrets.sameText(token, offered)) {
            return false;
        }
        setup.run();
        token = null;
        return true;
    }
}
