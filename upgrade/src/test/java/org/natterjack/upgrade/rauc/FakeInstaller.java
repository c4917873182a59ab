package org.natterjack.upgrade.rauc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * RAUC 1.8's installer as a D-Bus object on a private bus (dbus-java's EmbeddedDBusDaemon): the methods,
 * properties and the Completed signal with the types of {@code de.pengutronix.rauc.Installer.xml}.
 */
public final class FakeInstaller implements RaucInstaller, Properties {

    /** {@code Progress}: {@code (isi)}. */
    public static final class ProgressValue extends Struct {
        @Position(0)
        private final int percent;
        @Position(1)
        private final String message;
        @Position(2)
        private final int depth;

        public ProgressValue(int percent, String message, int depth) {
            this.percent = percent;
            this.message = message;
            this.depth = depth;
        }

        public int getPercent() {
            return percent;
        }

        public String getMessage() {
            return message;
        }

        public int getDepth() {
            return depth;
        }
    }

    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final DBusConnection bus;
    private final String version;
    private volatile int result;
    private volatile String lastError = "";
    private volatile ProgressValue progress = new ProgressValue(0, "", 0);

    public FakeInstaller(DBusConnection bus, String version) {
        this.bus = bus;
        this.version = version;
    }

    /** The next install ends with {@code Completed(result)} and {@code LastError}. */
    public void failNextInstall(String error) {
        result = 1;
        lastError = error;
    }

    @Override
    public void InstallBundle(String source, Map<String, Variant<?>> args) {
        calls.add("InstallBundle " + source + " " + args.keySet());
        Thread t = new Thread(() -> {
            try {
                progress = new ProgressValue(0, "Installing", 1);
                Thread.sleep(300);
                progress = new ProgressValue(60, "Copying image to rootfs.1", 2);
                Thread.sleep(700);
                progress = new ProgressValue(100, "Installing done.", 1);
                bus.sendMessage(new Completed(OBJECT_PATH, result));
            } catch (InterruptedException | DBusException e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
    }

    @Override
    public Pair<String, String> Info(String bundle) {
        calls.add("Info " + bundle);
        return new Pair<>("natterjack-test", version);
    }

    @Override
    public Pair<String, String> Mark(String state, String slotIdentifier) {
        calls.add("Mark " + state + " " + slotIdentifier);
        return new Pair<>("rootfs.1", "activated slot rootfs.1");
    }

    @Override
    public List<SlotEntry> GetSlotStatus() {
        return List.of(new SlotEntry("rootfs.0", Map.of("bootname", new Variant<>("A"), "state",
                        new Variant<>("booted"), "class", new Variant<>("rootfs"))),
                new SlotEntry("rootfs.1", Map.of("bootname", new Variant<>("B"), "state", new Variant<>("inactive"),
                        "bundle.version", new Variant<>("0.0.9"), "installed.count", new Variant<>(3))));
    }

    @Override
    public String GetPrimary() {
        return "rootfs.0";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        Object value = switch (propertyName) {
            case "Operation" -> "idle";
            case "LastError" -> lastError;
            case "Progress" -> progress;
            case "Compatible" -> "natterjack-test";
            case "Variant" -> "";
            case "BootSlot" -> "A";
            default -> throw new DBusExecutionException("no property " + propertyName);
        };
        return (A) value;
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new DBusExecutionException("read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        throw new DBusExecutionException("not needed");
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }
}
