package org.natterjack.sip.registrar;

import org.natterjack.location.Binding;
import java.util.List;

/** What the registrar decided; the SIP layer turns it into a response. */
public sealed interface RegisterOutcome {

    /** 200 OK listing every current binding of the AOR. */
    record Accepted(List<Binding> bindings) implements RegisterOutcome {
        public Accepted {
            bindings = List.copyOf(bindings);
        }
    }

    /** 423 Interval Too Brief with this Min-Expires. */
    record IntervalTooBrief(int minExpires) implements RegisterOutcome {
    }

    /** Any other refusal; nothing was changed. */
    record Refused(int status, String reason) implements RegisterOutcome {
    }
}
