package org.natterjack.media.relay;

/** The two parties of a call as the dialog-forming INVITE saw them. */
public enum Side {
    /** The party that sent the dialog-forming INVITE. */
    CALLER,
    /** The party the INVITE went to. */
    CALLEE;

    public Side other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
