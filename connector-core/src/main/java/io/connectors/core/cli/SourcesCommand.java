package io.connectors.core.cli;

import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.plugin.SourceRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code connectors sources [TYPE]}: the service types config.yml names, and each one's configuration schema. */
@Command(name = "sources", description = {"List the sources of config.yml and their configuration schema; sensitive defaults are masked.",
        "A built-in source is listed when it loads; one config.yml names is listed with the reason when it does not."})
final class SourcesCommand extends CliCommand {

    @Parameters(arity = "0..1", paramLabel = "TYPE", description = "only this service type")
    @Nullable String serviceType;

    @Override
    int execute() {
        // no Elasticsearch needed: only config.yml and the class path
        ConnectorsConfig config = ConfigLoader.load(root().configFile(), root().environment().variables());
        List<SourceCatalog.Entry> entries;
        try (SourceRegistry registry = SourceRegistry.create(config.sources(), config.pluginsDirectory())) {
            entries = SourceCatalog.describe(registry, config, serviceType);
        }
        if (json()) {
            printJson(entries.stream().map(SourcesCommand::json).toList());
            return 0;
        }
        for (SourceCatalog.Entry entry : entries) {
            out().println(entry.serviceType() + "  " + entry.className() + (entry.available() ? "" : "  (unavailable)"));
            if (!entry.available()) {
                out().println("  " + entry.error());
            } else if (entry.configuration() == null || entry.configuration().isEmpty()) {
                out().println("  (no configuration)");
            } else {
                TextTable table = new TextTable("KEY", "TYPE", "REQUIRED", "SENSITIVE", "DEFAULT", "DEPENDS ON", "LABEL");
                entry.configuration().forEach((key, value) -> {
                    Map<?, ?> field = (Map<?, ?>) value;
                    table.row(key, field.get("type"), yesNo(field.get("required")), yesNo(field.get("sensitive")),
                            field.get("default_value"), dependsOn(field.get("depends_on")), field.get("label"));
                });
                out().print(table.render("  "));
            }
            out().println();
        }
        return 0;
    }

    private static Map<String, Object> json(SourceCatalog.Entry entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_type", entry.serviceType());
        body.put("class", entry.className());
        body.put("available", entry.available());
        body.put("error", entry.error());
        body.put("configuration", entry.configuration());
        return body;
    }

    private static String yesNo(@Nullable Object flag) {
        return Boolean.TRUE.equals(flag) ? "yes" : "no";
    }

    private static @Nullable String dependsOn(@Nullable Object dependencies) {
        if (!(dependencies instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        return String.join(" and ", list.stream()
                .map(d -> d instanceof Map<?, ?> m ? m.get("field") + "=" + m.get("value") : String.valueOf(d)).toList());
    }
}
