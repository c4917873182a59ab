package org.natterjack.sip.transport.parse;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Calendar;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Field-by-field comparison of two RI object graphs (headers, addresses, URIs, parameter lists), stricter
 * than {@code encode()}: a quoted flag, an address type or a parameter's original case that encodes alike
 * would still differ here. JDK values compare with {@code equals}, JDK collections element by element.
 */
final class SameObjects {

    private final IdentityHashMap<Object, Object> seen = new IdentityHashMap<>();

    private SameObjects() {
    }

    /** The path of the first difference, if any. */
    static Optional<String> difference(Object a, Object b) {
        return Optional.ofNullable(new SameObjects().compare(a, b, a == null ? "null" : a.getClass().getSimpleName()));
    }

    private String compare(Object a, Object b, String path) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null) {
            return path + ": " + a + " / " + b;
        }
        if (a.getClass() != b.getClass()) {
            return path + ": " + a.getClass().getName() + " / " + b.getClass().getName();
        }
        if (seen.get(a) == b) {
            return null;
        }
        seen.put(a, b);
        if (a instanceof Map<?, ?> ma) {
            return compareIterables(ma.entrySet(), ((Map<?, ?>) b).entrySet(), path);
        }
        if (a instanceof Map.Entry<?, ?> ea) {
            Map.Entry<?, ?> eb = (Map.Entry<?, ?>) b;
            String key = compare(ea.getKey(), eb.getKey(), path + ".key");
            return key != null ? key : compare(ea.getValue(), eb.getValue(), path + "[" + ea.getKey() + "]");
        }
        if (a instanceof Collection<?> ca) {
            return compareIterables(ca, (Collection<?>) b, path);
        }
        if (a.getClass().isArray()) {
            if (Array.getLength(a) != Array.getLength(b)) {
                return path + ": array lengths";
            }
            for (int i = 0; i < Array.getLength(a); i++) {
                String d = compare(Array.get(a, i), Array.get(b, i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof Calendar ca) {
            // The RI's Date header keeps the milliseconds of the moment it was parsed; the date is what counts.
            return ca.getTimeInMillis() / 1000 == ((Calendar) b).getTimeInMillis() / 1000 ? null : path + ": dates";
        }
        if (a.getClass().getName().startsWith("java.")) {
            return a.equals(b) ? null : path + ": " + a + " / " + b;
        }
        return compareFields(a, b, path);
    }

    private String compareIterables(Collection<?> a, Collection<?> b, String path) {
        if (a.size() != b.size()) {
            return path + ": sizes " + a.size() + " / " + b.size();
        }
        Iterator<?> ib = b.iterator();
        int i = 0;
        for (Object ea : a) {
            String d = compare(ea, ib.next(), path + "[" + i++ + "]");
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private String compareFields(Object a, Object b, String path) {
        for (Class<?> c = a.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    String d = compare(f.get(a), f.get(b), path + "." + f.getName());
                    if (d != null) {
                        return d;
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
