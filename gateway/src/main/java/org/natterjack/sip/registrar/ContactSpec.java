package org.natterjack.sip.registrar;

import org.natterjack.location.Binding;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Contact of a REGISTER, as the client wrote it.
 *
 * @param uri the Contact URI without header parameters
 * @param expires the {@code expires} Contact parameter, if any
 * @param qValue the {@code q} parameter scaled to 0..1000 (1000 when absent)
 * @param instanceId {@code +sip.instance}, if any
 * @param regId {@code reg-id}, if any
 */
public record ContactSpec(String uri, OptionalInt expires, int qValue, Optional<String> instanceId,
                          OptionalInt regId) {

    public static ContactSpec of(String uri) {
        return new ContactSpec(uri, OptionalInt.empty(), 1000, Optional.empty(), OptionalInt.empty());
    }

    public ContactSpec withExpires(int seconds) {
        return new ContactSpec(uri, OptionalInt.of(seconds), qValue, instanceId, regId);
    }

    String key() {
        return Binding.keyOf(uri, instanceId, regId);
    }
}
