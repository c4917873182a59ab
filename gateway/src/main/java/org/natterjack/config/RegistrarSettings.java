package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Registrar limits (RFC 3261 section 10.3), in seconds.
 *
 * @param minExpires shorter non-zero requests are answered 423 with this Min-Expires
 * @param maxExpires longer requests are granted this much
 * @param defaultExpires granted when the REGISTER names no expiry
 * @param maxContacts bindings one address-of-record may hold; more are refused with 403
 */
public record RegistrarSettings(int minExpires, int maxExpires, int defaultExpires, int maxContacts) {

    public RegistrarSettings {
        if (minExpires < 1) {
            throw new IllegalArgumentException("registrar.min-expires must be at least 1");
        }
        if (maxExpires < minExpires) {
            throw new IllegalArgumentException("registrar.max-expires (" + maxExpires
                    + ") must not be below registrar.min-expires (" + minExpires + ")");
        }
        if (defaultExpires < minExpires || defaultExpires > maxExpires) {
            throw new IllegalArgumentException("registrar.default-expires (" + defaultExpires
                    + ") must lie between registrar.min-expires and registrar.max-expires");
        }
        if (maxContacts < 1 || maxContacts > 100) {
            throw new IllegalArgumentException("registrar.max-contacts must be between 1 and 100");
        }
    }

    public static RegistrarSettings defaults() {
        return of(null, null, null, null);
    }

    @JsonCreator
    static RegistrarSettings of(@JsonProperty("min-expires") Integer minExpires,
                                @JsonProperty("max-expires") Integer maxExpires,
                                @JsonProperty("default-expires") Integer defaultExpires,
                                @JsonProperty("max-contacts") Integer maxContacts) {
        return new RegistrarSettings(
                minExpires == null ? 60 : minExpires,
                maxExpires == null ? 3600 : maxExpires,
                defaultExpires == null ? 3600 : defaultExpires,
                maxContacts == null ? 10 : maxContacts);
    }
}
