package io.connectors.core.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connectors doctor [ID]}: every check with its verdict and a fix; exit code 1 when one fails. */
@Command(name = "doctor", description = {"Check config.yml, Elasticsearch, the control indices and each connector's source.",
        "Prints OK, WARN or FAIL per check, with a fix for each problem; exits 1 if any check fails."})
final class DoctorCommand extends CliCommand {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "check only this connector (default: all)")
    @Nullable String connectorId;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "how long a ping may take (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    int execute() {
        Doctor.Report report = new Doctor(root().configFile(), root().environment().variables(), root().environment().indices(),
                Duration.ofSeconds(timeoutSeconds)).run(connectorId);
        if (json()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("verdict", report.verdict().name());
            body.put("checks", report.checks().stream().map(DoctorCommand::json).toList());
            printJson(body);
        } else {
            int width = report.checks().stream().mapToInt(check -> check.name().length()).max().orElse(0);
            for (Doctor.Check check : report.checks()) {
                List<String> lines = check.detail().lines().toList();
                out().printf("%-4s  %-" + width + "s  %s%n", check.verdict(), check.name(), lines.isEmpty() ? "" : lines.getFirst());
                String indent = " ".repeat(6 + width + 2);
                lines.stream().skip(1).forEach(line -> out().println(indent + line));
                if (check.hint() != null) {
                    out().println(indent + "fix: " + check.hint());
                }
            }
            long failed = report.count(Doctor.Verdict.FAIL);
            long warned = report.count(Doctor.Verdict.WARN);
            out().println("verdict: " + report.verdict() + " (" + ConnectorAdmin.count(report.checks().size(), "check") + ", "
                    + failed + " failed, " + ConnectorAdmin.count(warned, "warning") + ")");
        }
        return report.verdict() == Doctor.Verdict.FAIL ? CliException.EXIT_FAILED : 0;
    }

    private static Map<String, Object> json(Doctor.Check check) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", check.name());
        body.put("verdict", check.verdict().name());
        body.put("detail", check.detail());
        body.put("hint", check.hint());
        return body;
    }
}
