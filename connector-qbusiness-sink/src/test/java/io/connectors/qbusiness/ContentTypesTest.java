package io.connectors.qbusiness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {

    @ParameterizedTest
    @CsvSource({
            "application/pdf, PDF",
            "text/html, HTML",
            "text/html; charset=UTF-8, HTML",
            "application/xhtml+xml, HTML",
            "application/msword, MS_WORD",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document, MS_WORD",
            "application/vnd.ms-powerpoint, PPT",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation, PPT",
            "application/rtf, RTF",
            "text/rtf, RTF",
            "application/xml, XML",
            "text/xml, XML",
            "application/xslt+xml, XSLT",
            "application/vnd.ms-excel, MS_EXCEL",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, MS_EXCEL",
            "text/csv, CSV",
            "application/json, JSON",
            "text/markdown, MD",
            "text/x-web-markdown, MD",
            "text/plain, PLAIN_TEXT",
            "TEXT/PLAIN; charset=ISO-8859-1, PLAIN_TEXT"})
    void of_mediaTypeQBusinessParses_itsContentType(String mediaType, String expected) {
        assertThat(ContentTypes.of(mediaType, "file.bin")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "report.pdf, PDF", "page.htm, HTML", "old.doc, MS_WORD", "new.DOCX, MS_WORD", "deck.pptx, PPT", "deck.ppt, PPT",
            "note.rtf, RTF", "data.xml, XML", "style.xslt, XSLT", "style.xsl, XSLT", "sheet.xlsx, MS_EXCEL", "sheet.xls, MS_EXCEL",
            "table.csv, CSV", "data.json, JSON", "README.md, MD", "notes.txt, PLAIN_TEXT"})
    void of_noMediaType_decidedByExtension(String filename, String expected) {
        assertThat(ContentTypes.of(null, filename)).isEqualTo(expected);
        assertThat(ContentTypes.of("", filename)).isEqualTo(expected);
        assertThat(ContentTypes.of("application/octet-stream", filename)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"application/x-tika-ooxml, letter.docx, MS_WORD", "application/zip, sheet.xlsx, MS_EXCEL",
            "application/x-tika-msoffice, deck.ppt, PPT"})
    void of_genericContainerType_decidedByExtension(String mediaType, String filename, String expected) {
        assertThat(ContentTypes.of(mediaType, filename)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(value = {
            "image/png, picture.png", "application/zip, bundle.zip", "application/octet-stream, noextension",
            "null, archive.tar", "application/vnd.oasis.opendocument.text, letter.odt", "message/rfc822, mail.eml",
            // a specific type the table lacks is not guessed from a misleading name
            "image/png, disguised.pdf"}, nullValues = "null")
    void of_typeQBusinessDoesNotParse_null(String mediaType, String filename) {
        assertThat(ContentTypes.of(mediaType, filename)).isNull();
    }
}
