package org.natterjack.pstn.api;

/** A test call the adapter asked Asterisk to place; it shows up in the active calls once dialled. */
public record TestCall(String trunk, String number, String channel) {
}
