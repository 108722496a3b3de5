package io.connectors.core.extraction;

import java.util.Locale;
import java.util.Set;

/**
 * The file extensions whose text is extracted: Elastic's {@code TIKA_SUPPORTED_FILETYPES} plus the close relatives
 * Tika parses just as well (OpenDocument, e-mail, macro-enabled and template Office files). Anything else (archives,
 * images, audio, video, executables, files without an extension) is indexed as metadata only, without downloading.
 * docs/extraction.md lists the same set; keep them together.
 */
final class SupportedTypes {

    static final Set<String> EXTENSIONS = Set.of(
            // Elastic's list
            "txt", "py", "rst", "html", "markdown", "json", "xml", "csv", "md", "ppt", "rtf", "docx", "odt", "xls",
            "xlsx", "rb", "paper", "sh", "pptx", "pdf", "doc", "aspx", "xlsb", "xlsm", "tsv", "svg", "msg", "potx",
            "vsd", "vsdx", "vsdm",
            // relatives
            "text", "log", "htm", "xhtml", "yaml", "yml", "docm", "dotx", "pptm", "ppsx", "xltx", "ods", "odp",
            "eml", "epub");

    private SupportedTypes() {
    }

    static boolean isSupported(String filename) {
        return EXTENSIONS.contains(extension(filename));
    }

    /** The lower-case extension without its dot, or "" when the name has none. */
    static String extension(String filename) {
        int slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
        int dot = filename.lastIndexOf('.');
        if (dot <= slash + 1 || dot == filename.length() - 1) {
            return "";
        }
        return filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
