package org.natterjack.upgrade.rauc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * {@link Rauc} over D-Bus with dbus-java's native Unix socket transport: a private connection per operation
 * (they are rare), RAUC activated by the bus if it is not running ({@code autostart}). An install registers for
 * {@code Completed} before it calls {@code InstallBundle}, so a fast failure is not missed, and polls
 * {@code Progress} every half second meanwhile.
 */
public final class DbusRauc implements Rauc {

    private static final long POLL_MILLIS = 500;

    /** The bus address; empty: the system bus. */
    private final Optional<String> address;

    public DbusRauc(Optional<String> address) {
        this.address = address;
    }

    @Override
    public BundleInfo info(Path bundle) throws RaucException {
        return call(bus -> {
            RaucInstaller.Pair<String, String> info = installer(bus).Info(bundle.toString());
            return new BundleInfo(info.first(), info.second());
        });
    }

    @Override
    public void install(Path bundle, Progress progress) throws RaucException, InterruptedException {
        try (DBusConnection bus = connect()) {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            try (AutoCloseable handler = bus.addSigHandler(RaucInstaller.Completed.class,
                    signal -> done.complete(signal.result()))) {
                installer(bus).InstallBundle(bundle.toString(), Map.of());
                Properties properties = properties(bus);
                Integer result = null;
                while (result == null) {
                    report(properties.Get(RaucInstaller.INTERFACE, "Progress"), progress);
                    try {
                        result = done.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException stillRunning) {
                        // poll again
                    }
                }
                if (result != 0) {
                    String error = properties.Get(RaucInstaller.INTERFACE, "LastError");
                    throw new RaucException("RAUC could not install the bundle: " + error);
                }
                progress.update(100, "installed");
            }
        } catch (DBusException | DBusExecutionException | IOException | ExecutionException e) {
            throw new RaucException("RAUC: " + e.getMessage(), e);
        } catch (RaucException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new RaucException("RAUC: " + e, e);
        }
    }

    @Override
    public String mark(String state, String slot) throws RaucException {
        return call(bus -> installer(bus).Mark(state, slot).second());
    }

    @Override
    public List<Slot> slots() throws RaucException {
        return call(bus -> installer(bus).GetSlotStatus().stream().map(e -> {
            Map<String, String> status = new LinkedHashMap<>();
            e.status().forEach((k, v) -> status.put(k, String.valueOf(v.getValue())));
            return new Slot(e.name(), status);
        }).toList());
    }

    @Override
    public String compatible() throws RaucException {
        return call(bus -> properties(bus).Get(RaucInstaller.INTERFACE, "Compatible"));
    }

    @Override
    public String bootSlot() throws RaucException {
        return call(bus -> properties(bus).Get(RaucInstaller.INTERFACE, "BootSlot"));
    }

    /**
     * {@code Progress} is {@code (isi)} (percent, message, nesting depth); dbus-java hands a struct inside a
     * variant over as an {@code Object[]} when no Java type is asked for ({@code Message.extractStruct}), a
     * {@link Struct} or list in other paths, so all three are read.
     */
    static void report(Object value, Progress progress) {
        Object v = value instanceof Variant<?> variant ? variant.getValue() : value;
        List<?> fields = v instanceof Object[] array ? Arrays.asList(array)
                : v instanceof List<?> list ? list
                : v instanceof Struct struct ? Arrays.asList(struct.getParameters()) : List.of();
        if (fields.size() >= 2 && fields.get(0) instanceof Number percent) {
            progress.update(percent.intValue(), String.valueOf(fields.get(1)));
        }
    }

    private interface BusCall<T> {
        T apply(DBusConnection bus) throws DBusException;
    }

    private <T> T call(BusCall<T> call) throws RaucException {
        try (DBusConnection bus = connect()) {
            return call.apply(bus);
        } catch (DBusException | DBusExecutionException | IOException e) {
            throw new RaucException("RAUC: " + e.getMessage(), e);
        }
    }

    private DBusConnection connect() throws DBusException {
        DBusConnectionBuilder builder = address.map(DBusConnectionBuilder::forAddress)
                .orElseGet(DBusConnectionBuilder::forSystemBus);
        return builder.withShared(false).build();
    }

    private static RaucInstaller installer(DBusConnection bus) throws DBusException {
        return bus.getRemoteObject(RaucInstaller.BUS_NAME, RaucInstaller.OBJECT_PATH, RaucInstaller.class, true);
    }

    private static Properties properties(DBusConnection bus) throws DBusException {
        return bus.getRemoteObject(RaucInstaller.BUS_NAME, RaucInstaller.OBJECT_PATH, Properties.class, true);
    }
}
