package org.natterjack.location;

/** Told about every change to the location service, e.g. to persist it. Called after the change is visible. */
public interface BindingListener {

    void saved(Binding binding);

    void removed(Binding binding);

    BindingListener NONE = new BindingListener() {
        @Override
        public void saved(Binding binding) {
        }

        @Override
        public void removed(Binding binding) {
        }
    };
}
