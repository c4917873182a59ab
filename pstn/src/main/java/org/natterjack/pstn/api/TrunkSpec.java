package org.natterjack.pstn.api;

/**
 * A trunk as an operator enters it (command line, web form, JSON): text fields, where null or blank means
 * "the usual": type dahdi, group 1, presentation allowed, no caller ID, failover or inbound number; the group
 * of a sip-peer trunk is ignored (it has none).
 */
public record TrunkSpec(String name, String type, Integer group, String peer, String presentation, String callerId,
                        String failover, String inboundNumber, String description) {
}
