package org.natterjack.cdr;

/** Who ended an answered call: the party whose BYE came first, or the gateway (media timeout, an operator). */
public enum HungUpBy {
    CALLER, CALLEE, GATEWAY, UNKNOWN
}
