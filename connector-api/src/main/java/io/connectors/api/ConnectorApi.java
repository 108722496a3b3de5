package io.connectors.api;

/**
 * The version of this API. A plugin states the version it was compiled against by passing {@link #VERSION} to its
 * descriptor's constructor: the constant is inlined by the compiler, so the runtime reads the version of the API jar
 * the plugin was built with, not its own. The runtime loads plugins of its own major version and refuses others with
 * a message naming both.
 *
 * <p>Within one major, changes are additive: new methods arrive with defaults, so a plugin built against 1.0 runs on
 * every 1.x runtime. A minor version above the runtime's is refused too (the plugin may call what this runtime lacks).
 */
public final class ConnectorApi {

    /**
     * {@code major.minor} of this API. 1.1 added {@code Sink.wantsOriginals()}, {@code OriginalFile} and the
     * {@code original} component of {@code SinkOperation.Upsert} (additive: a 1.0 plugin loads and runs unchanged).
     */
    public static final String VERSION = "1.1";

    private ConnectorApi() {}

    /** The major part of a {@code major.minor} version, or -1 when it is not one. */
    public static int major(String version) {
        return part(version, 0);
    }

    /** The minor part of a {@code major.minor} version, or -1 when it is not one. */
    public static int minor(String version) {
        return part(version, 1);
    }

    /**
     * Why a plugin built against {@code pluginVersion} cannot run on this API, or null when it can: the same major,
     * and a minor not above this one.
     */
    public static @org.jspecify.annotations.Nullable String incompatibility(String pluginVersion) {
        int major = major(pluginVersion);
        int minor = minor(pluginVersion);
        if (major < 0 || minor < 0) {
            return "it declares API version '" + pluginVersion + "', which is not of the form major.minor";
        }
        if (major != major(VERSION)) {
            return "it was built for connector-api " + pluginVersion + " and this runtime provides connector-api "
                    + VERSION + " (majors differ); rebuild it against connector-api " + major(VERSION) + ".x";
        }
        if (minor > minor(VERSION)) {
            return "it was built for connector-api " + pluginVersion + ", newer than this runtime's " + VERSION
                    + "; upgrade the runtime or build the plugin against " + VERSION;
        }
        return null;
    }

    private static int part(String version, int index) {
        String[] parts = version.strip().split("\\.");
        if (parts.length != 2) {
            return -1;
        }
        try {
            int value = Integer.parseInt(parts[index]);
            return value < 0 ? -1 : value;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
