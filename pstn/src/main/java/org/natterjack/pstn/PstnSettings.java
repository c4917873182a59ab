package org.natterjack.pstn;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.natterjack.net.IpLiteral;
import org.natterjack.pstn.agi.Q850;

/**
 * The PSTN adapter's settings ({@code plugins.pstn} in the configuration file), fixed at start.
 *
 * @param enabled off by default, so that a gateway without Asterisk runs without complaints
 * @param asteriskConfigDir where the generated pjsip.conf, extensions.conf, chan_dahdi.conf and manager.conf go
 * @param dahdiConfigDir where the generated system.conf goes
 * @param asteriskGroup the group Asterisk runs as: the generated Asterisk files (manager.conf holds the AMI
 *     secret) are readable by it and their owner only; while no such group exists, by the owner's group
 * @param dahdiApply command run after system.conf changed (e.g. {@code [dahdi_cfg]}); empty: none
 * @param asteriskAddress the loopback address Asterisk listens on for SIP and AMI
 * @param sipPort Asterisk's SIP (PJSIP, UDP) port; the gateway sends trunk calls there
 * @param amiPort Asterisk's manager interface port
 * @param amiUsername the manager account (its secret is generated and kept in the store)
 * @param agiPort where the adapter serves FastAGI on loopback (Asterisk asks it where PSTN calls go)
 * @param pingSeconds how often the AMI link is pinged; a link silent for three times that is dead
 * @param timeoutMillis how long to wait for Asterisk to connect or answer an action
 * @param reconnectMaxSeconds the longest pause between reconnection attempts (the backoff doubles up to it)
 * @param spanPollSeconds how often span and channel status is polled
 * @param ringSeconds how long Asterisk lets a call ring before giving up
 * @param unknownDidCause the Q.850 cause for PSTN calls to numbers no rule routes (1: unallocated number)
 * @param toneZone DAHDI's tone zone (dial tone, ringback): us, de, uk, fr, ...
 * @param codecs what Asterisk offers the gateway, in order
 * @param domain the local SIP domain PSTN calls are addressed to, where the users that DIDs reach are
 *     registered; empty: the first of {@code sip.domains}, or else the gateway's address
 */
public record PstnSettings(boolean enabled, Path asteriskConfigDir, Path dahdiConfigDir, String asteriskGroup,
                           List<String> dahdiApply, String asteriskAddress, int sipPort, int amiPort,
                           String amiUsername, int agiPort, int pingSeconds, int timeoutMillis,
                           int reconnectMaxSeconds, int spanPollSeconds, int ringSeconds, int unknownDidCause,
                           String toneZone, List<String> codecs, Optional<String> domain) {

    public PstnSettings {
        dahdiApply = List.copyOf(dahdiApply);
        codecs = List.copyOf(codecs);
        if (!IpLiteral.isLiteral(asteriskAddress)) {
            throw new IllegalArgumentException("asterisk-address must be an IP address, not '" + asteriskAddress + "'");
        }
        for (int port : List.of(sipPort, amiPort, agiPort)) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 1-65535");
            }
        }
        if (pingSeconds < 1 || timeoutMillis < 100 || reconnectMaxSeconds < 1 || spanPollSeconds < 1
                || ringSeconds < 1) {
            throw new IllegalArgumentException("intervals and timeouts must be positive (timeout-ms at least 100)");
        }
        if (unknownDidCause < 1 || unknownDidCause > 127) {
            throw new IllegalArgumentException("unknown-did-cause must be a Q.850 cause, 1-127");
        }
        if (!asteriskGroup.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}")) {
            throw new IllegalArgumentException("asterisk-group must be a group name or number, not '"
                    + asteriskGroup + "'");
        }
        if (!amiUsername.matches("[A-Za-z0-9_-]{1,32}") || !toneZone.matches("[a-z]{2}")) {
            throw new IllegalArgumentException("ami-username must be a plain word, tone-zone a two-letter code");
        }
        if (domain.isPresent() && !domain.get().matches("[A-Za-z0-9.-]{1,253}")) {
            throw new IllegalArgumentException("domain must be a domain name or IPv4 address");
        }
        if (codecs.isEmpty() || codecs.stream().anyMatch(c -> !c.matches("[a-z0-9_]{1,16}"))) {
            throw new IllegalArgumentException("codecs must name at least one Asterisk codec (alaw, ulaw, ...)");
        }
    }

    public static PstnSettings defaults() {
        return of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    @JsonCreator
    static PstnSettings of(@JsonProperty("enabled") Boolean enabled,
                           @JsonProperty("asterisk-config-dir") String asteriskConfigDir,
                           @JsonProperty("dahdi-config-dir") String dahdiConfigDir,
                           @JsonProperty("asterisk-group") String asteriskGroup,
                           @JsonProperty("dahdi-apply-command") List<String> dahdiApply,
                           @JsonProperty("asterisk-address") String asteriskAddress,
                           @JsonProperty("sip-port") Integer sipPort,
                           @JsonProperty("ami-port") Integer amiPort,
                           @JsonProperty("ami-username") String amiUsername,
                           @JsonProperty("agi-port") Integer agiPort,
                           @JsonProperty("ping-seconds") Integer pingSeconds,
                           @JsonProperty("timeout-ms") Integer timeoutMillis,
                           @JsonProperty("reconnect-max-seconds") Integer reconnectMaxSeconds,
                           @JsonProperty("span-poll-seconds") Integer spanPollSeconds,
                           @JsonProperty("ring-seconds") Integer ringSeconds,
                           @JsonProperty("unknown-did-cause") Integer unknownDidCause,
                           @JsonProperty("tone-zone") String toneZone,
                           @JsonProperty("codecs") List<String> codecs,
                           @JsonProperty("domain") String domain) {
        return new PstnSettings(
                enabled != null && enabled,
                Path.of(asteriskConfigDir == null ? "/etc/asterisk" : asteriskConfigDir),
                Path.of(dahdiConfigDir == null ? "/etc/dahdi" : dahdiConfigDir),
                asteriskGroup == null ? "asterisk" : asteriskGroup,
                dahdiApply == null ? List.of() : dahdiApply,
                asteriskAddress == null ? "127.0.0.1" : asteriskAddress,
                sipPort == null ? 5080 : sipPort,
                amiPort == null ? 5038 : amiPort,
                amiUsername == null ? "natterjack" : amiUsername,
                agiPort == null ? 4573 : agiPort,
                pingSeconds == null ? 10 : pingSeconds,
                timeoutMillis == null ? 3000 : timeoutMillis,
                reconnectMaxSeconds == null ? 30 : reconnectMaxSeconds,
                spanPollSeconds == null ? 30 : spanPollSeconds,
                ringSeconds == null ? 60 : ringSeconds,
                unknownDidCause == null ? Q850.UNALLOCATED_NUMBER : unknownDidCause,
                toneZone == null ? "us" : toneZone,
                codecs == null ? List.of("alaw", "ulaw") : codecs,
                Optional.ofNullable(domain));
    }
}
