package org.natterjack.sip.proxy;

import javax.sip.message.Response;

/** What else must happen when a proxied transaction relays a response upstream (the media relay's part). */
interface ResponseHook {

    ResponseHook NONE = new ResponseHook() {
    };

    /** A provisional or 2xx response from {@code from} about to be relayed; may change its body. */
    default void beforeRelay(Response response, Target from) {
    }

    /** A 2xx was relayed: the dialog exists. */
    default void answered(Response response, Target from) {
    }

    /** The transaction ended without a 2xx ({@code status} went upstream). */
    default void failed(int status) {
    }
}
