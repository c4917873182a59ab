package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Stateful proxy settings.
 *
 * @param timerCSeconds how long an INVITE branch may ring before the proxy cancels it and answers 408
 *     (RFC 3261 timer C; at least 181 s says the RFC, shorter is allowed for an appliance's "no answer")
 */
public record ProxySettings(int timerCSeconds) {

    public ProxySettings {
        if (timerCSeconds < 1) {
            throw new IllegalArgumentException("proxy.timer-c-seconds must be at least 1");
        }
    }

    public static ProxySettings defaults() {
        return of(null);
    }

    @JsonCreator
    static ProxySettings of(@JsonProperty("timer-c-seconds") Integer timerCSeconds) {
        return new ProxySettings(timerCSeconds == null ? 180 : timerCSeconds);
    }
}
