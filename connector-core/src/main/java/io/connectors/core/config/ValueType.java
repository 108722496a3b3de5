package io.connectors.core.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.event.Level;

/**
 * How a config value is read from YAML, checked, and written back. Reading works on the interpolated text, not on
 * YAML's own typing, so {@code chunk_size: ${CHUNK_SIZE:500}} is an integer like {@code chunk_size: 500}.
 *
 * @param name     the type as the reference documentation names it, like {@code integer >= 1}
 * @param reader   turns a raw value into the typed one, or says what is wrong
 * @param renderer writes a typed value back as YAML (quoted where YAML needs it)
 * @param secret   whether values are secrets: never echoed, rendered as {@code ********}
 */
record ValueType<T>(String name, Reader<T> reader, Function<? super T, String> renderer, boolean secret) {

    @FunctionalInterface
    interface Reader<T> {
        T read(RawValue value) throws InvalidValueException;
    }

    @FunctionalInterface
    private interface ScalarReader<T> {
        T read(RawValue.Scalar value) throws InvalidValueException;
    }

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Map<String, Boolean> BOOLEANS = Map.of(
            "true", true, "yes", true, "on", true,
            "false", false, "no", false, "off", false);
    // Python's level names (Elastic's files use them) mapped onto SLF4J's
    private static final Map<String, Level> LEVELS = Map.of(
            "TRACE", Level.TRACE, "NOTSET", Level.TRACE, "DEBUG", Level.DEBUG, "INFO", Level.INFO,
            "WARN", Level.WARN, "WARNING", Level.WARN, "ERROR", Level.ERROR, "CRITICAL", Level.ERROR);
    private static final Set<String> JAVA_KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "_");

    T read(RawValue value) throws InvalidValueException {
        return reader.read(value);
    }

    String render(T value) {
        return renderer.apply(value);
    }

    static ValueType<String> string() {
        return scalar("string", "a string", false, s -> s.text(), ValueType::yamlScalar);
    }

    /** A string never shown: errors name only its shape, rendering masks it. */
    static ValueType<Secret> secretString() {
        return scalar("secret string", "a string", true, s -> Secret.of(s.text()), secret -> yamlScalar(secret.toString()));
    }

    static ValueType<Boolean> bool() {
        return scalar("boolean", "a boolean (true or false)", false, s -> {
            Boolean value = BOOLEANS.get(s.text().toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new InvalidValueException("expected a boolean (true or false), got " + s.shown());
            }
            return value;
        }, String::valueOf);
    }

    /** An int of at least {@code min}; {@code unit}, when not empty, is named in the docs. */
    static ValueType<Integer> integer(int min, String unit) {
        String name = (unit.isEmpty() ? "integer" : unit + ", integer") + " >= " + min;
        return scalar(name, "an integer", false, s -> {
            long value = parseLong(s, "an integer");
            if (value > Integer.MAX_VALUE) {
                throw new InvalidValueException("must be at most " + Integer.MAX_VALUE + ", got " + s.shown());
            }
            requireAtLeast(value, min, s);
            return (int) value;
        }, String::valueOf);
    }

    /** An integer from {@code min} to {@code max}, both included. */
    static ValueType<Integer> integer(int min, int max, String unit) {
        String name = (unit.isEmpty() ? "integer" : unit + ", integer") + " " + min + " to " + max;
        return scalar(name, "an integer", false, s -> {
            long value = parseLong(s, "an integer");
            requireAtLeast(value, min, s);
            if (value > max) {
                throw new InvalidValueException("must be at most " + max + ", got " + s.shown());
            }
            return (int) value;
        }, String::valueOf);
    }

    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    /** An AWS region code such as {@code us-east-1} or {@code eu-central-1}. */
    static ValueType<String> awsRegion() {
        return scalar("AWS region", "an AWS region", false, s -> {
            if (!AWS_REGION.matcher(s.text()).matches()) {
                throw new InvalidValueException("expected an AWS region code like us-east-1 or eu-central-1, got " + s.shown());
            }
            return s.text();
        }, ValueType::yamlScalar);
    }

    /** A string with at least one non-blank character. */
    static ValueType<String> nonBlankString() {
        return scalar("string", "a string", false, s -> {
            if (s.text().isBlank()) {
                throw new InvalidValueException("must not be empty");
            }
            return s.text();
        }, ValueType::yamlScalar);
    }

    static ValueType<Long> bytes(long min) {
        return scalar("bytes, integer >= " + min, "an integer number of bytes", false, s -> {
            long value = parseLong(s, "an integer number of bytes");
            requireAtLeast(value, min, s);
            return value;
        }, String::valueOf);
    }

    static ValueType<Double> number(double min, double max) {
        String name = max == Double.MAX_VALUE ? "number >= " + plain(min) : "number " + plain(min) + " to " + plain(max);
        return scalar(name, "a number", false, s -> {
            double value = parseDecimal(s, "a number").doubleValue();
            if (value < min || value > max) {
                String range = max == Double.MAX_VALUE ? "at least " + plain(min) : "between " + plain(min) + " and " + plain(max);
                throw new InvalidValueException("must be " + range + ", got " + s.shown());
            }
            return value;
        }, ValueType::plain);
    }

    /** Seconds, fractional allowed, as a Duration; zero only when {@code zeroAllowed}. */
    static ValueType<Duration> seconds(boolean zeroAllowed) {
        return scalar(zeroAllowed ? "seconds >= 0" : "seconds > 0", "a number of seconds", false, s -> {
            BigDecimal seconds = parseDecimal(s, "a number of seconds");
            if (seconds.signum() < 0 || (!zeroAllowed && seconds.signum() == 0)) {
                throw new InvalidValueException("must be " + (zeroAllowed ? "at least 0" : "more than 0") + ", got " + s.shown());
            }
            try {
                BigDecimal nanos = seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP);
                BigDecimal[] split = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
                return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
            } catch (ArithmeticException e) {
                throw new InvalidValueException("is too large, got " + s.shown());
            }
        }, ValueType::seconds);
    }

    static ValueType<String> httpUrl() {
        return scalar("URL", "an http(s) URL", false, s -> {
            try {
                URI uri = new URI(s.text());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return s.text();
                }
            } catch (URISyntaxException e) {
                // reported below, like any other non-URL
            }
            throw new InvalidValueException("expected an http(s) URL like http://localhost:9200, got " + s.shown());
        }, ValueType::yamlScalar);
    }

    static ValueType<Path> path() {
        return scalar("path", "a path", false, s -> {
            try {
                return Path.of(s.text());
            } catch (InvalidPathException e) {
                throw new InvalidValueException("expected a path, got " + s.shown() + ": " + e.getReason());
            }
        }, path -> yamlScalar(path.toString()));
    }

    static ValueType<Level> logLevel() {
        return scalar("log level", "a log level", false, s -> {
            Level level = LEVELS.get(s.text().toUpperCase(Locale.ROOT));
            if (level == null) {
                throw new InvalidValueException(
                        "expected a log level (DEBUG, INFO, WARNING, ERROR, CRITICAL, TRACE or NOTSET), got " + s.shown());
            }
            return level;
        }, Level::name);
    }

    /** One of {@code values}, compared case-insensitively, held in its lower-case form. */
    static ValueType<String> oneOf(String... values) {
        List<String> allowed = List.of(values);
        return scalar("one of " + String.join(", ", allowed), "one of " + String.join(", ", allowed), false, s -> {
            String text = s.text().strip().toLowerCase(Locale.ROOT);
            if (!allowed.contains(text)) {
                throw new InvalidValueException("expected one of " + String.join(", ", allowed) + ", got " + s.shown());
            }
            return text;
        }, ValueType::yamlScalar);
    }

    /** A fully qualified Java class name, like {@code io.connectors.jira.JiraDataSource}. */
    static ValueType<String> className() {
        return scalar("Java class name", "a fully qualified Java class name", false, s -> {
            if (!isQualifiedName(s.text())) {
                // Elastic's files name Python classes as module:Class
                String hint = s.text().contains(":") ? " (Elastic's Python module:Class names do not apply here)" : "";
                throw new InvalidValueException(
                        "expected a fully qualified Java class name like com.example.MySource, got " + s.shown() + hint);
            }
            return s.text();
        }, ValueType::yamlScalar);
    }

    static ValueType<List<String>> stringList() {
        Reader<List<String>> reader = value -> {
            if (!(value instanceof RawValue.Sequence sequence)) {
                throw new InvalidValueException("expected a list of strings, got " + RawValue.describe(value));
            }
            List<String> items = new ArrayList<>();
            for (RawValue item : sequence.items()) {
                if (!(item instanceof RawValue.Scalar scalar)) {
                    throw new InvalidValueException("expected a list of strings, got an item that is " + RawValue.describe(item));
                }
                items.add(scalar.text());
            }
            return List.copyOf(items);
        };
        return new ValueType<>("list of strings", reader,
                list -> list.stream().map(ValueType::yamlScalar).collect(Collectors.joining(", ", "[", "]")), false);
    }

    /**
     * A mapping of names to strings, like {@code elasticsearch.headers}. Secret: a header value may carry a token,
     * so a printed config shows every value masked.
     */
    static ValueType<Map<String, String>> secretStringMap() {
        Reader<Map<String, String>> reader = value -> {
            if (!(value instanceof RawValue.Mapping mapping)) {
                throw new InvalidValueException("expected a mapping of names to strings, got " + RawValue.describe(value));
            }
            Map<String, String> entries = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, RawValue> entry : mapping.entries().entrySet()) {
                if (!(entry.getValue() instanceof RawValue.Scalar scalar)) {
                    throw new InvalidValueException("expected a string for " + RawValue.quote(entry.getKey()) + ", got "
                            + RawValue.describe(entry.getValue()));
                }
                entries.put(entry.getKey(), scalar.text());
            }
            return java.util.Collections.unmodifiableMap(entries);
        };
        return new ValueType<>("mapping of strings", reader, map -> map.isEmpty() ? "{}" : map.keySet().stream()
                .map(name -> yamlScalar(name) + ": " + yamlScalar(Secret.MASK))
                .collect(Collectors.joining(", ", "{", "}")), true);
    }

    private static <T> ValueType<T> scalar(
            String name, String expected, boolean secret, ScalarReader<T> read, Function<? super T, String> render) {
        Reader<T> reader = value -> {
            if (value instanceof RawValue.Scalar scalar) {
                return read.read(scalar);
            }
            // describe() of a list or mapping names only its shape, so this is safe for secrets too
            throw new InvalidValueException("expected " + expected + ", got " + RawValue.describe(value));
        };
        return new ValueType<>(name, reader, render, secret);
    }

    private static long parseLong(RawValue.Scalar s, String expected) throws InvalidValueException {
        String text = s.text().trim();
        if (!INTEGER.matcher(text).matches()) {
            throw new InvalidValueException("expected " + expected + ", got " + s.shown());
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("is too large, got " + s.shown());
        }
    }

    private static BigDecimal parseDecimal(RawValue.Scalar s, String expected) throws InvalidValueException {
        String text = s.text().trim();
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidValueException("expected " + expected + ", got " + s.shown());
        }
        return new BigDecimal(text);
    }

    private static void requireAtLeast(long value, long min, RawValue.Scalar s) throws InvalidValueException {
        if (value < min) {
            throw new InvalidValueException("must be at least " + min + ", got " + s.shown());
        }
    }

    private static boolean isQualifiedName(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length < 2) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || JAVA_KEYWORDS.contains(part) || !Character.isJavaIdentifierStart(part.codePointAt(0))
                    || !part.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }

    /** Seconds as Elastic writes them: {@code 30}, or {@code 0.5} when fractional. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_/.][A-Za-z0-9_/.:@+-]*");
    private static final Pattern LOOKS_TYPED = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|y|n|null|~)|[-+]?[0-9][0-9_.eE+-]*|[-+]?\\.(inf|nan)");

    /**
     * A string as a YAML scalar that reads back as the same string through {@link ConfigLoader}: plain when YAML
     * would not take it for something else, double-quoted otherwise, with {@code ${} escaped against interpolation.
     */
    static String yamlScalar(String text) {
        String escaped = text.replace("${", "$${");
        if (PLAIN_SAFE.matcher(escaped).matches() && !LOOKS_TYPED.matcher(escaped).matches()) {
            return escaped;
        }
        return RawValue.doubleQuoted(escaped);
    }
}
