package org.natterjack.location;

import java.util.ArrayList;
import java.util.List;

/** A binding listener that remembers what it was told, in order. */
public final class RecordingListener implements BindingListener {

    public final List<Binding> saved = new ArrayList<>();
    public final List<Binding> removed = new ArrayList<>();

    @Override
    public synchronized void saved(Binding binding) {
        saved.add(binding);
    }

    @Override
    public synchronized void removed(Binding binding) {
        removed.add(binding);
    }

    public synchronized void clear() {
        saved.clear();
        removed.clear();
    }
}
