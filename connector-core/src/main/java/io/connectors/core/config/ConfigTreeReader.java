package io.connectors.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Walks a composed YAML tree against the key table, collecting typed values and every problem with its line.
 * Dotted keys are read as nesting ({@code elasticsearch.bulk.chunk_size: 500} at the root, as Elastic's
 * config.yml.example writes them). A null or empty value means "unset": the key keeps its default.
 */
final class ConfigTreeReader {

    /**
     * One {@code connectors} item as read.
     *
     * @param path   like {@code connectors[1]}
     * @param line   line of the item
     * @param values the item's typed values, by key path ({@code connectors[].connector_id})
     * @param lines  line of each value, by key path
     * @param qbusiness the raw {@code qbusiness:} block (key to text or list of texts), empty when absent; its types
     *               are checked against the sink's own schema when the sink is built
     */
    record Item(String path, int line, Map<String, Object> values, Map<String, Integer> lines, Map<String, Object> qbusiness) {
    }

    private final Interpolator interpolator;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, Object> rootValues = new HashMap<>();
    private final Map<String, Integer> rootLines = new HashMap<>();
    private final List<Item> connectors = new ArrayList<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> sinks = new LinkedHashMap<>();
    private final Map<String, Integer> sourceLines = new HashMap<>();
    private final Map<String, String> pythonSources = new LinkedHashMap<>();
    private final Map<String, Integer> noEffectKeysSet = new LinkedHashMap<>();
    // concrete path -> line where first written, to report a key written twice
    private final Map<String, Integer> seen = new HashMap<>();

    ConfigTreeReader(Map<String, String> env) {
        this.interpolator = new Interpolator(env);
    }

    void read(@Nullable Node root) {
        if (root == null || isNull(root)) {
            return;
        }
        if (root instanceof MappingNode mapping) {
            readMapping(mapping, "");
        } else {
            problem("", line(root), "expected a mapping of sections (elasticsearch, service, connectors, ...), got "
                    + describeShape(root));
        }
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    boolean hasProblemAt(String path) {
        return problems.stream().anyMatch(p -> p.path().equals(path));
    }

    void problem(String path, int line, String message) {
        problems.add(new ConfigProblem(path, line, message));
    }

    Values rootValues() {
        return new Values(rootValues);
    }

    /** Line of a root key's value, or 0 when the file does not set it. */
    int rootLine(String path) {
        return rootLines.getOrDefault(path, 0);
    }

    List<Item> connectors() {
        return connectors;
    }

    Map<String, String> sources() {
        return sources;
    }

    Map<String, String> sinks() {
        return sinks;
    }

    /** service_type -> the Elastic Python name the file gave for it, for the sources mapped to Java ones. */
    Map<String, String> pythonSources() {
        return pythonSources;
    }

    int sourceLine(String serviceType) {
        return sourceLines.getOrDefault(serviceType, 0);
    }

    /** Keys the file sets that have no effect here, with their lines, in file order. */
    Map<String, Integer> noEffectKeysSet() {
        return noEffectKeysSet;
    }

    private void readMapping(MappingNode mapping, String path) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problem(path, line(tuple.getKeyNode()), "keys must be plain strings, got " + describeShape(tuple.getKeyNode()));
                continue;
            }
            readEntry(join(path, keyNode.getValue()), line(keyNode), tuple.getValueNode());
        }
    }

    private void readEntry(String path, int keyLine, Node value) {
        ConfigKey<?> key = ConfigKeys.rootKey(path);
        if (key != null) {
            if (firstTime(path, keyLine)) {
                readLeaf(key, path, value, rootValues, rootLines);
            }
        } else if (ConfigKeys.isKeySection(path)) {
            if (value instanceof MappingNode mapping) {
                readMapping(mapping, path);
            } else if (!isNull(value)) {
                problem(path, line(value), "expected a mapping, got " + describeShape(value));
            }
        } else if (path.equals(ConfigKeys.CONNECTORS)) {
            if (firstTime(path, keyLine)) {
                readConnectors(value);
            }
        } else if (ConfigKeys.isClassMap(path)) {
            String names = path.equals(ConfigKeys.SOURCES) ? "service types" : "sink names";
            if (value instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode keyNode) {
                        readClassEntry(path, keyNode.getValue(), line(keyNode), tuple.getValueNode());
                    } else {
                        problem(path, line(tuple.getKeyNode()), "keys must be " + names + ", got " + describeShape(tuple.getKeyNode()));
                    }
                }
            } else if (!isNull(value)) {
                problem(path, line(value), "expected a mapping of " + names + " to Java class names, got " + describeShape(value));
            }
        } else if (path.startsWith(ConfigKeys.SOURCES + ".")) {
            readClassEntry(ConfigKeys.SOURCES, path.substring(ConfigKeys.SOURCES.length() + 1), keyLine, value);
        } else if (path.startsWith(ConfigKeys.SINKS + ".")) {
            readClassEntry(ConfigKeys.SINKS, path.substring(ConfigKeys.SINKS.length() + 1), keyLine, value);
        } else {
            problem(path, keyLine, unknownKeyMessage(path));
        }
    }

    private void readConnectors(Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof SequenceNode sequence)) {
            problem(ConfigKeys.CONNECTORS, line(value), "expected a list of connectors, got " + describeShape(value));
            return;
        }
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = ConfigKeys.CONNECTORS + "[" + i + "]";
            Node itemNode = items.get(i);
            if (!(itemNode instanceof MappingNode mapping)) {
                problem(itemPath, line(itemNode), "expected a mapping with connector_id and service_type, got " + describeShape(itemNode));
                continue;
            }
            Item item = new Item(itemPath, line(mapping), new HashMap<>(), new HashMap<>(), new LinkedHashMap<>());
            Map<String, Integer> itemSeen = new HashMap<>();
            List<String> failed = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    problem(itemPath, line(tuple.getKeyNode()), "keys must be plain strings, got " + describeShape(tuple.getKeyNode()));
                    continue;
                }
                String name = keyNode.getValue();
                String keyPath = itemPath + "." + name;
                if (name.equals(ConfigKeys.QBUSINESS_BLOCK)) {
                    readQBusinessBlock(keyPath, tuple.getValueNode(), item.qbusiness());
                    continue;
                }
                ConfigKey<?> key = ConfigKeys.connectorKey(name);
                if (key == null) {
                    problem(keyPath, line(keyNode), unknownItemKeyMessage(name));
                    continue;
                }
                Integer first = itemSeen.putIfAbsent(name, line(keyNode));
                if (first != null) {
                    problem(keyPath, line(keyNode), "set twice (first at line " + first + ")");
                } else if (!readLeaf(key, keyPath, tuple.getValueNode(), item.values(), item.lines())) {
                    failed.add(name);
                }
            }
            for (ConfigKey<?> key : ConfigKeys.CONNECTOR_KEYS) {
                if (key.required() && !item.values().containsKey(key.path()) && !failed.contains(key.name())) {
                    problem(itemPath + "." + key.name(), item.line(), "missing required value");
                }
            }
            connectors.add(item);
        }
    }

    /**
     * The {@code qbusiness:} block of a connector: known key names, each value checked against its key's type (an AWS
     * region, an http(s) URL, {@code batch_size} 1 to 10, ...) and kept as its interpolated text, which the sink's
     * own schema reads again; explicit credentials in pairs. Every problem names its key path.
     */
    private void readQBusinessBlock(String path, Node value, Map<String, Object> into) {
        if (!(value instanceof MappingNode mapping)) {
            problem(path, line(value), "expected a mapping (region, application_id, index_id, ...), got " + describeShape(value));
            return;
        }
        Map<String, Integer> lines = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problem(path, line(tuple.getKeyNode()), "keys must be plain strings, got " + describeShape(tuple.getKeyNode()));
                continue;
            }
            String name = keyNode.getValue();
            ConfigKey<?> key = ConfigKeys.qbusinessKey(name);
            if (key == null) {
                String typo = closest(name, ConfigKeys.QBUSINESS_KEYS.stream().map(ConfigKey::name).toList());
                problem(path + "." + name, line(keyNode), typo == null ? "unknown key" : "unknown key, did you mean \"" + typo + "\"?");
                continue;
            }
            Integer first = lines.putIfAbsent(name, line(keyNode));
            if (first != null) {
                problem(path + "." + name, line(keyNode), "set twice (first at line " + first + ")");
                continue;
            }
            try {
                RawValue raw = toRaw(tuple.getValueNode(), 0);
                switch (raw) {
                    case null -> { }
                    case RawValue.Scalar scalar -> {
                        key.type().read(scalar);
                        into.put(name, scalar.text());
                    }
                    case RawValue.Sequence sequence -> problem(path + "." + name, line(tuple.getValueNode()),
                            "expected " + key.type().name() + ", got a list");
                    default -> problem(path + "." + name, line(tuple.getValueNode()), "expected a value, got a mapping");
                }
            } catch (InvalidValueException e) {
                problem(path + "." + name, line(tuple.getValueNode()), e.getMessage());
            }
        }
        // explicit credentials: a key without its secret (or a token without both) would silently fall back to the chain
        boolean keyId = lines.containsKey("access_key_id");
        boolean secret = lines.containsKey("secret_access_key");
        if (keyId != secret) {
            String missing = keyId ? "secret_access_key" : "access_key_id";
            String present = keyId ? "access_key_id" : "secret_access_key";
            problem(path + "." + missing, lines.get(present), "missing: " + path + "." + present
                    + " is set, and explicit credentials need both (or neither, for the AWS default chain)");
        }
        if (lines.containsKey("session_token") && !(keyId && secret)) {
            problem(path + ".session_token", lines.get("session_token"),
                    "a session token goes with access_key_id and secret_access_key; set them too, or remove it");
        }
    }

    private void readClassEntry(String section, String name, int keyLine, Node value) {
        String path = section + "." + name;
        ConfigKey<String> classKey = ConfigKeys.classKeyOf(section);
        if (name.isBlank()) {
            problem(path, keyLine, "the name must not be empty");
            return;
        }
        if (!firstTime(path, keyLine)) {
            return;
        }
        if (section.equals(ConfigKeys.SOURCES) && value instanceof ScalarNode scalar && !isNull(scalar)
                && scalar.getValue().contains(":")) {
            String javaClass = ConfigKeys.PYTHON_SOURCES.get(scalar.getValue().strip());
            if (javaClass == null) {
                problem(path, line(value), "Elastic's Python source " + RawValue.quote(scalar.getValue())
                        + " has no Java counterpart here; the Python names this project maps are "
                        + String.join(", ", ConfigKeys.PYTHON_SOURCES.keySet())
                        + " (write the Java class name of a source, e.g. from plugins_dir, or remove the entry)");
                return;
            }
            sources.put(name, javaClass);
            sourceLines.put(name, line(value));
            pythonSources.put(name, scalar.getValue().strip());
            return;
        }
        Map<String, Object> typed = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        if (readLeaf(classKey, path, value, typed, lines)) {
            Object className = typed.get(classKey.path());
            if (className == null) {
                problem(path, line(value), "missing the Java class name");
            } else if (section.equals(ConfigKeys.SINKS)) {
                sinks.put(name, (String) className);
            } else {
                sources.put(name, (String) className);
                sourceLines.put(name, line(value));
            }
        }
    }

    /**
     * Reads one value into {@code target}, and its line into {@code lines}, under the key's path. An unset value
     * leaves both alone.
     *
     * @return false when the value was wrong (and a problem was reported)
     */
    private boolean readLeaf(ConfigKey<?> key, String path, Node node, Map<String, Object> target, Map<String, Integer> lines) {
        try {
            RawValue raw = toRaw(node);
            if (raw == null) {
                return true;
            }
            target.put(key.path(), key.type().read(raw));
            lines.put(key.path(), line(node));
            if (!key.effective()) {
                noEffectKeysSet.put(path, line(node));
            }
            return true;
        } catch (InvalidValueException e) {
            problem(path, line(node), e.getMessage());
            return false;
        }
    }

    /** The node as a raw value, interpolated; null when it is unset (YAML null, or empty after interpolation). */
    private @Nullable RawValue toRaw(Node node) throws InvalidValueException {
        return toRaw(node, 0);
    }

    /** Values are at most a list of lists: deeper means an alias refers to itself (a cycle), never a real value. */
    private static final int MAX_VALUE_DEPTH = 16;

    private @Nullable RawValue toRaw(Node node, int depth) throws InvalidValueException {
        if (depth > MAX_VALUE_DEPTH) {
            throw new InvalidValueException("the value refers to itself through an anchor and alias, or is nested more than "
                    + MAX_VALUE_DEPTH + " levels deep");
        }
        return switch (node) {
            case ScalarNode scalar -> {
                if (isNull(scalar)) {
                    yield null;
                }
                String text = interpolator.interpolate(scalar.getValue());
                yield text.isEmpty() ? null : new RawValue.Scalar(text, scalar.getValue());
            }
            case SequenceNode sequence -> {
                List<RawValue> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    RawValue raw = toRaw(item, depth + 1);
                    if (raw != null) {
                        items.add(raw);
                    }
                }
                yield new RawValue.Sequence(items);
            }
            case MappingNode mapping -> {
                Map<String, RawValue> entries = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                        throw new InvalidValueException("keys must be plain strings, got " + describeShape(tuple.getKeyNode()));
                    }
                    RawValue raw = toRaw(tuple.getValueNode(), depth + 1);
                    if (raw != null) {
                        entries.put(keyNode.getValue(), raw);
                    }
                }
                yield new RawValue.Mapping(entries);
            }
            default -> new RawValue.Mapping(Map.of());
        };
    }

    private boolean firstTime(String path, int line) {
        Integer first = seen.putIfAbsent(path, line);
        if (first != null) {
            problem(path, line, "set twice (first at line " + first + ")");
            return false;
        }
        return true;
    }

    /** "unknown key", with the nearest known key when one is close: a typo, or a key written in the wrong section. */
    private static String unknownKeyMessage(String path) {
        String[] segments = path.split("\\.", -1);
        String known = "";
        int i = 0;
        while (i < segments.length - 1 && ConfigKeys.isKeySection(join(known, segments[i]))) {
            known = join(known, segments[i]);
            i++;
        }
        String typo = closest(segments[i], ConfigKeys.childNames(known));
        if (typo != null) {
            return "unknown key, did you mean \"" + join(known, typo) + "\"?";
        }
        String leaf = segments[segments.length - 1];
        List<String> elsewhere = ConfigKeys.allPaths().stream()
                .filter(candidate -> candidate.endsWith("." + leaf))
                .toList();
        return elsewhere.size() == 1 ? "unknown key, did you mean \"" + elsewhere.get(0) + "\"?" : "unknown key";
    }

    private static String unknownItemKeyMessage(String name) {
        String typo = closest(name, ConfigKeys.CONNECTOR_KEYS.stream().map(ConfigKey::name).toList());
        return typo == null ? "unknown key (a connector has connector_id, service_type, api_key and sinks)"
                : "unknown key, did you mean \"" + typo + "\"?";
    }

    /** The candidate within edit distance 2 of {@code typed}, the nearest first; null when none is. */
    static @Nullable String closest(String typed, Iterable<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            int distance = editDistance(typed.toLowerCase(Locale.ROOT), candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance where swapping two neighbours counts as one edit, the commonest typo. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** Names a node's shape for a message: a scalar is quoted, a list or mapping only named (it may hold secrets). */
    private static String describeShape(Node node) {
        return switch (node) {
            case ScalarNode scalar -> isNull(scalar) ? "nothing" : RawValue.quote(scalar.getValue());
            case SequenceNode ignored -> "a list";
            default -> "a mapping";
        };
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }
}
