package io.connectors.qbusiness;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which of Q Business's document types ({@code contentType} of the API's {@code Document}: PDF, HTML, MS_WORD,
 * PLAIN_TEXT, PPT, RTF, XML, XSLT, MS_EXCEL, CSV, JSON, MD) an original file is, so that Q Business parses it itself.
 *
 * <p>The media type decides ({@code application/pdf} -> PDF). The file name's extension decides only when the media
 * type says nothing specific: absent, {@code application/octet-stream}, or one of Tika's generic containers
 * ({@code application/x-tika-ooxml}, {@code application/x-tika-msoffice}, {@code application/zip}); a specific type
 * that is not in the table (an image, an archive) is not guessed from its name. Null: Q Business does not parse it,
 * and the sink sends the extracted text instead.
 */
final class ContentTypes {

    static final String PLAIN_TEXT = "PLAIN_TEXT";

    private static final Map<String, String> BY_MEDIA_TYPE = Map.ofEntries(
            Map.entry("application/pdf", "PDF"),
            Map.entry("text/html", "HTML"),
            Map.entry("application/xhtml+xml", "HTML"),
            Map.entry("application/msword", "MS_WORD"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "MS_WORD"),
            Map.entry("application/vnd.ms-powerpoint", "PPT"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPT"),
            Map.entry("application/rtf", "RTF"),
            Map.entry("text/rtf", "RTF"),
            Map.entry("application/xml", "XML"),
            Map.entry("text/xml", "XML"),
            Map.entry("application/xslt+xml", "XSLT"),
            Map.entry("application/vnd.ms-excel", "MS_EXCEL"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "MS_EXCEL"),
            Map.entry("text/csv", "CSV"),
            Map.entry("application/json", "JSON"),
            Map.entry("text/markdown", "MD"),
            Map.entry("text/x-markdown", "MD"),
            // what Tika names a .md file
            Map.entry("text/x-web-markdown", "MD"),
            Map.entry("text/plain", PLAIN_TEXT));

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("pdf", "PDF"),
            Map.entry("html", "HTML"),
            Map.entry("htm", "HTML"),
            Map.entry("xhtml", "HTML"),
            Map.entry("doc", "MS_WORD"),
            Map.entry("docx", "MS_WORD"),
            Map.entry("ppt", "PPT"),
            Map.entry("pptx", "PPT"),
            Map.entry("rtf", "RTF"),
            Map.entry("xml", "XML"),
            Map.entry("xsl", "XSLT"),
            Map.entry("xslt", "XSLT"),
            Map.entry("xls", "MS_EXCEL"),
            Map.entry("xlsx", "MS_EXCEL"),
            Map.entry("csv", "CSV"),
            Map.entry("json", "JSON"),
            Map.entry("md", "MD"),
            Map.entry("markdown", "MD"),
            Map.entry("txt", PLAIN_TEXT));

    /** Media types that say "some bytes" or "some container" rather than what the file is. */
    private static final java.util.Set<String> UNSPECIFIC = java.util.Set.of("application/octet-stream", "application/zip",
            "application/x-tika-ooxml", "application/x-tika-msoffice", "application/x-tika-ooxml-protected");

    private ContentTypes() {}

    /** The Q Business content type of a file with {@code mediaType} named {@code filename}, or null when none fits. */
    static @Nullable String of(@Nullable String mediaType, String filename) {
        String base = mediaType == null ? "" : mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String byType = BY_MEDIA_TYPE.get(base);
        if (byType != null) {
            return byType;
        }
        if (!base.isEmpty() && !UNSPECIFIC.contains(base)) {
            return null;
        }
        return BY_EXTENSION.get(extension(filename));
    }

    /** Types whose bytes Q Business reads as text with no encoding of their own: they must be UTF-8 to be sent as is. */
    static boolean mustBeUtf8(String contentType) {
        return contentType.equals(PLAIN_TEXT) || contentType.equals("CSV") || contentType.equals("MD") || contentType.equals("JSON");
    }

    private static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 || dot == filename.length() - 1 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
