package io.connectors.core.cli;

import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.ConfigurationProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Values a user gives ({@code --set k=v}, {@code --from-file}) applied to a connector's configuration and checked
 * against its source's schema, all problems at once. A problem with a value the user gave, or a key the schema does
 * not declare, is an error: nothing is written. A problem with a value not given (a required one still missing) is
 * pending: the connector is saved and stays {@code needs_configuration}, as in Kibana's form.
 *
 * @param document the connector's new {@code configuration} object (schema entries with the merged values)
 * @param errors   sentences, one per problem with the given values; never a secret value
 * @param pending  the schema's problems with values that were not given
 */
record ConfigurationChange(Map<String, Object> document, List<String> errors, List<ConfigurationProblem> pending) {

    static ConfigurationChange apply(ConfigSchema schema, String serviceType, Map<String, ?> currentDocument,
                                     Map<String, ?> given) {
        List<String> errors = new ArrayList<>();
        Set<String> declared = schema.fields().stream().map(ConfigField::key).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (String key : given.keySet()) {
            if (!declared.contains(key)) {
                errors.add("unknown configuration key '" + key + "': source '" + serviceType + "' declares "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared)));
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>(currentDocument);
        given.forEach((key, value) -> {
            if (declared.contains(key)) {
                merged.put(key, value);
            }
        });
        List<ConfigurationProblem> pending = new ArrayList<>();
        for (ConfigurationProblem problem : schema.validate(schema.fromConnectorDocument(merged))) {
            if (given.containsKey(problem.key())) {
                errors.add(problem.message());
            } else {
                pending.add(problem);
            }
        }
        return new ConfigurationChange(schema.toConnectorDocument(merged), errors, pending);
    }
}
