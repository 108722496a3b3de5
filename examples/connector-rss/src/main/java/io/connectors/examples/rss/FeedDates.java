package io.connectors.examples.rss;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The dates feeds print: RFC 822 in RSS ({@code Tue, 10 Jun 2003 04:00:00 GMT}), RFC 3339 in Atom and Dublin Core. */
final class FeedDates {

    /** RFC 822 with seconds optional and the day of the week too; the zone as an offset. */
    private static final DateTimeFormatter RFC_822 =
            DateTimeFormatter.ofPattern("[EEE, ]d MMM yyyy HH:mm[:ss] xx", Locale.ENGLISH);
    /** RFC 822's zone names: fixed offsets (EST is always -0500, unlike the JDK's America/New_York). */
    private static final Map<String, String> ZONES = Map.ofEntries(
            Map.entry("UT", "+0000"), Map.entry("UTC", "+0000"), Map.entry("GMT", "+0000"), Map.entry("Z", "+0000"),
            Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"), Map.entry("CDT", "-0500"),
            Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"), Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"));
    private static final Pattern ZONE_NAME = Pattern.compile("\\s([A-Z]{1,3})$");

    private FeedDates() {}

    /** The instant {@code text} names, or null when it is in neither form. */
    static @Nullable Instant parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String date = text.strip();
        try {
            return OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeException notRfc3339) {
            // RSS's form, then
        }
        Matcher zone = ZONE_NAME.matcher(date);
        if (zone.find() && ZONES.containsKey(zone.group(1))) {
            date = date.substring(0, zone.start()) + " " + ZONES.get(zone.group(1));
        }
        try {
            return OffsetDateTime.parse(date, RFC_822).toInstant();
        } catch (DateTimeException unreadable) {
            return null;
        }
    }
}
