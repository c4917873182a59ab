package org.natterjack.sip.registrar;

import java.util.ArrayList;
import java.util.List;

/** A binding listener that remembers what it was told, in order. */
final class RecordingListener implements BindingListener {

    final List<Binding> saved = new ArrayList<>();
    final List<Binding> removed = new ArrayList<>();

    @Override
    public synchronized void saved(Binding binding) {
        saved.add(binding);
    }

    @Override
    public synchronized void removed(Binding binding) {
        removed.add(binding);
    }

    synchronized void clear() {
        saved.clear();
        removed.clear();
    }
}
