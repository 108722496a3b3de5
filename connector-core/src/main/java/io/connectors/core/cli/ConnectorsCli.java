package io.connectors.core.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code connectors}: the admin CLI, shaped like Elastic's. Manages connectors and sync jobs in the control indices,
 * lists the loaded sources, runs one sync in the foreground, and checks a deployment ({@code doctor}). Every command
 * reads {@code -c config.yml}; {@code --json} prints machine-readable output. Sensitive values are never printed.
 * See docs/cli.md.
 */
@Command(name = "connectors", mixinStandardHelpOptions = true, versionProvider = ConnectorsCli.Version.class,
        modelTransformer = ConnectorsCli.IdsMayStartWithADash.class,
        description = "Manage connectors and sync jobs, run a sync in the foreground, check a deployment.",
        subcommands = {ConnectorCommand.class, JobCommand.class, SourcesCommand.class, SyncCommand.class,
                StateCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 the command failed (message on stderr), 2 wrong usage."})
public final class ConnectorsCli implements Runnable {

    @Option(names = {"-c", "--config"}, defaultValue = "config.yml", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "config.yml to read (default: ${DEFAULT-VALUE})")
    private Path config = Path.of("config.yml");

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON for scripts instead of text")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final CliEnvironment environment;

    /** The CLI of this process: its environment, its terminal, Elastic's control indices. */
    public ConnectorsCli() {
        this(CliEnvironment.system());
    }

    public ConnectorsCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        // before any logger exists: WARN and above on stderr, so stdout holds only the command's output
        if (System.getProperty(LogConfigurator.PROFILE) == null) {
            System.setProperty(LogConfigurator.PROFILE, "cli");
        }
        System.exit(new CommandLine(new ConnectorsCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Path configFile() {
        return config;
    }

    boolean json() {
        return json;
    }

    CliEnvironment environment() {
        return environment;
    }

    CliSession openSession() {
        return CliSession.open(config, environment.variables(), environment.indices());
    }

    /**
     * Elasticsearch picks ids from the URL-safe base64 alphabet, so one in 32 starts with '-': such an argument is an
     * id, not an unknown option. ({@code --} still ends the options, for an id that looks like {@code -c...}.)
     */
    static final class IdsMayStartWithADash implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            lenient(spec);
            return spec;
        }

        private static void lenient(CommandLine.Model.CommandSpec spec) {
            spec.parser().unmatchedOptionsArePositionalParams(true);
            spec.subcommands().values().forEach(sub -> lenient(sub.getCommandSpec()));
        }
    }

    /** The version of the connector-core jar, when it runs from one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ConnectorsCli.class.getPackage().getImplementationVersion();
            return new String[] {"connectors " + (version == null ? "(development build)" : version)};
        }
    }
}
