package io.connectors.core.service;

import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.runtime.ConnectorRuntime;

/**
 * A connector service over the runtime config.yml describes ({@link ConnectorRuntime}). Close it after
 * {@link ConnectorService#run()} completed.
 */
public final class Daemon implements AutoCloseable {

    private final ConnectorRuntime runtime;
    private final ServiceContext context;
    private final ConnectorService service;

    private Daemon(ConnectorsConfig config, DaemonSettings settings) {
        this.runtime = ConnectorRuntime.open(config);
        this.context = new ServiceContext(runtime.client(), runtime.sources(), runtime.syncs(), settings);
        this.service = new ConnectorService(context);
    }

    public static Daemon create(ConnectorsConfig config) {
        return new Daemon(config, DaemonSettings.from(config));
    }

    public static Daemon create(ConnectorsConfig config, DaemonSettings settings) {
        return new Daemon(config, settings);
    }

    public ConnectorService service() {
        return service;
    }

    public ServiceContext context() {
        return context;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
