package io.connectors.core.testing;

import io.connectors.api.source.Attachment;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Real files made on the spot (PDFBox and Apache POI come with Tika's parsers), each carrying the given text, plus
 * hostile ones: a corrupt PDF, a password-protected PDF, a zip bomb dressed as a .docx.
 */
public final class TestFiles {

    private TestFiles() {
    }

    /** An attachment served from memory in 16 KiB chunks, its size declared. */
    public static Attachment attachment(String filename, byte[] content) {
        int chunk = 16 * 1024;
        Flux<ByteBuffer> chunks = Flux.range(0, Math.max(1, (content.length + chunk - 1) / chunk))
                .map(i -> ByteBuffer.wrap(content, i * chunk, Math.min(chunk, content.length - i * chunk)).slice());
        return new Attachment(filename, content.length, null, chunks);
    }

    /** A file of the given extension (txt, md, csv, json, html, rtf, eml, pdf, docx, xlsx, pptx) containing {@code text}. */
    public static byte[] withText(String extension, String text) {
        return withParagraphs(extension, List.of(text));
    }

    /**
     * A file of the given extension holding these paragraphs (ASCII text): lines of a text file, paragraphs of a Word
     * document, rows of a sheet, lines of PDF pages (40 a page), text boxes of slides (10 a slide).
     */
    public static byte[] withParagraphs(String extension, List<String> paragraphs) {
        String lines = String.join("\n", paragraphs);
        return switch (extension) {
            case "txt", "md" -> utf8(lines + "\n");
            case "csv" -> utf8("id,text\n" + String.join("\n", numbered(paragraphs, ",")) + "\n");
            case "json" -> utf8("[" + String.join(",\n", paragraphs.stream().map(p -> "{\"text\": \"" + p + "\"}").toList()) + "]\n");
            case "html" -> html(String.join("</p>\n<p>", paragraphs));
            case "rtf" -> utf8("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 " + String.join("\\par\n", paragraphs) + "\\par}");
            case "eml" -> utf8("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: test mail\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + String.join("\r\n", paragraphs) + "\r\n");
            case "pdf" -> pdf(paragraphs, null);
            case "docx" -> docx(paragraphs);
            case "xlsx" -> xlsx(paragraphs);
            case "pptx" -> pptx(paragraphs);
            default -> throw new IllegalArgumentException("no generator for ." + extension);
        };
    }

    private static List<String> numbered(List<String> paragraphs, String separator) {
        return java.util.stream.IntStream.range(0, paragraphs.size()).mapToObj(i -> i + separator + paragraphs.get(i)).toList();
    }

    public static byte[] html(String text) {
        return utf8("<!DOCTYPE html><html><head><title>Test page</title><style>p { color: red; }</style></head>"
                + "<body><h1>Heading</h1><p>" + text + "</p><script>var hidden = 'script text';</script></body></html>");
    }

    /** A one-page PDF; with a password, encrypted (AES) so it cannot be opened without it. */
    public static byte[] pdf(String text, @Nullable String password) {
        return pdf(List.of(text), password);
    }

    private static byte[] pdf(List<String> lines, @Nullable String password) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int first = 0; first < lines.size(); first += 40) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.setLeading(16);
                    content.newLineAtOffset(50, 740);
                    for (String line : lines.subList(first, Math.min(lines.size(), first + 40))) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy(password + "-owner", password, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts like a PDF, then nothing a PDF reader can recover: no objects, no cross-reference table, no trailer. */
    public static byte[] corruptPdf() {
        byte[] bytes = new byte[4096];
        new java.util.Random(42).nextBytes(bytes);
        byte[] header = utf8("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    public static byte[] docx(String text) {
        return docx(List.of(text));
    }

    private static byte[] docx(List<String> paragraphs) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            paragraphs.forEach(paragraph -> document.createParagraph().createRun().setText(paragraph));
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] xlsx(List<String> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Data");
            for (int i = 0; i < rows.size(); i++) {
                var row = sheet.createRow(i);
                row.createCell(0).setCellValue(i);
                row.createCell(1).setCellValue(rows.get(i));
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pptx(List<String> paragraphs) {
        try (XMLSlideShow slides = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int first = 0; first < paragraphs.size(); first += 10) {
                XSLFTextBox box = slides.createSlide().createTextBox();
                box.setAnchor(new Rectangle(40, 40, 640, 460));
                box.setText(String.join("\n", paragraphs.subList(first, Math.min(paragraphs.size(), first + 10))));
            }
            slides.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A small .docx (about 100 KiB) whose document.xml inflates to {@code inflatedMiB} MiB of one letter: a zip bomb
     * in Office clothing, the kind a parser must refuse before it expands it.
     */
    public static byte[] zipBombDocx(int inflatedMiB) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                    + "</Types>"));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                    + "</Relationships>"));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>"));
            byte[] letters = new byte[1 << 20];
            Arrays.fill(letters, (byte) 'a');
            for (int i = 0; i < inflatedMiB; i++) {
                zip.write(letters);
            }
            zip.write(utf8("</w:t></w:r></w:p></w:body></w:document>"));
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
