package org.natterjack.upgrade.rauc;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * RAUC 1.8's installer on the system bus: bus name {@code de.pengutronix.rauc}, object {@code /}, as in
 * {@code rauc@v1.8:src/de.pengutronix.rauc.Installer.xml} (1.8 has no {@code InspectBundle}: {@code Info} is
 * its signature check). Method names are D-Bus names, hence upper case.
 */
@DBusInterfaceName("de.pengutronix.rauc.Installer")
@SuppressWarnings("checkstyle:MethodName")
public interface RaucInstaller extends DBusInterface {

    String BUS_NAME = "de.pengutronix.rauc";
    String OBJECT_PATH = "/";
    String INTERFACE = "de.pengutronix.rauc.Installer";

    /** {@code InstallBundle(s source, a{sv} args)}: starts an install and returns; {@link Completed} ends it. */
    void InstallBundle(String source, Map<String, Variant<?>> args);

    /** {@code Info(s bundle) -> (s compatible, s version)}: verifies the bundle's signature and reads its manifest. */
    Pair<String, String> Info(String bundle);

    /** {@code Mark(s state, s slot_identifier) -> (s slot_name, s message)}. */
    Pair<String, String> Mark(String state, String slotIdentifier);

    /** {@code GetSlotStatus() -> a(sa{sv})}. */
    List<SlotEntry> GetSlotStatus();

    /** {@code GetPrimary() -> s}: the slot the bootloader will boot next. */
    String GetPrimary();

    /** {@code Completed(i result)}: 0 when the install succeeded; otherwise {@code LastError} says why. */
    class Completed extends DBusSignal {
        private final int result;

        public Completed(String path, int result) throws DBusException {
            super(path, result);
            this.result = result;
        }

        public int result() {
            return result;
        }
    }

    /** Two out arguments. */
    final class Pair<A, B> extends Tuple {
        @Position(0)
        private final A first;
        @Position(1)
        private final B second;

        public Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }

        public A first() {
            return first;
        }

        public B second() {
            return second;
        }
    }

    /** One {@code (sa{sv})} of {@code GetSlotStatus}: the slot's name and RAUC's facts about it. */
    final class SlotEntry extends Struct {
        @Position(0)
        private final String name;
        @Position(1)
        private final Map<String, Variant<?>> status;

        public SlotEntry(String name, Map<String, Variant<?>> status) {
            this.name = name;
            this.status = status;
        }

        public String name() {
            return name;
        }

        public Map<String, Variant<?>> status() {
            return status;
        }
    }
}
