package io.connectors.core.cli;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT handling. The JVM's own handling runs shutdown hooks and exits with 143/130; a daemon must
 * instead finish suspending its jobs and exit 0, so it takes the signals itself (jdk.unsupported's Signal is the only
 * way to do that in the JDK).
 */
final class Signals {

    private Signals() {}

    static void onTermination(Consumer<String> handler) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> handler.accept("SIG" + signal.getName()));
        }
    }
}
