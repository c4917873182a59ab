package org.natterjack.pstn.api;

/**
 * A span as an operator enters it: null or blank fields take the line type's usual values; the first channel
 * defaults to the one after the spans so far, the timing to the next clock preference for a span facing the
 * exchange (pri_cpe) and 0 otherwise.
 *
 * @param type {@code e1}, {@code t1}, {@code fxo} or {@code fxs}
 * @param ports analog ports (fxo, fxs); a digital span has its line type's channels
 * @param crc4 E1 only; null: on for E1
 */
public record SpanSpec(Integer number, String trunk, String type, Integer ports, Integer firstChannel,
                       Integer timing, Integer lbo, String framing, String coding, Boolean crc4, String signalling,
                       String switchtype, String echoCanceller) {
}
