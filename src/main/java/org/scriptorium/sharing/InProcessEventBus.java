package org.scriptorium.sharing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The event bus of a single node: an announcement is heard at once, here and nowhere else. */
final class InProcessEventBus implements EventBus {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void announce() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public void subscribe(Runnable listener) {
        listeners.add(listener);
    }
}
