package org.scriptorium.delivery;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.xmlbeans.XmlCursor;
import org.apache.xmlbeans.XmlObject;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the {@link FileTrace} tokens that {@link DocxWriter} and {@link PdfWriter} hide in a file.
 *
 * <p>Where they are: in a DOCX, the custom document property {@value #PROPERTY} and a hidden
 * bookmark named {@value #BOOKMARK_PREFIX} + token around the whole text (Word carries a bookmark
 * into another document when the whole text is copied); in a PDF, the document information entry
 * {@value #PROPERTY} and the XMP property {@value #XMP_PROPERTY} in namespace {@value #XMP_NAMESPACE}.
 */
public final class FileTraces {

    /** The DOCX custom property and the PDF information entry that hold the token. */
    static final String PROPERTY = "ScriptoriumCopy";
    /** Word hides bookmarks whose names start with an underscore. */
    static final String BOOKMARK_PREFIX = "_Sc";
    static final String XMP_NAMESPACE = "urn:scriptorium:copy:1.0/";
    static final String XMP_PREFIX = "scriptorium";
    static final String XMP_PROPERTY = "Copy";

    private static final String WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private FileTraces() {}

    /**
     * Every trace token in a file, whatever the file claims to be: the format is recognised by its
     * first bytes (a renamed file is still read) and then by the name's extension.
     *
     * @param fileName the file's name, used only when the content does not tell; may be {@code null}
     * @param content  the file; may be {@code null}
     * @return the distinct tokens in the order found; empty for a file without traces, an
     *         unsupported, damaged or password-protected file; never throws
     */
    public static List<String> read(String fileName, byte[] content) {
        if (content == null || content.length < 4) {
            return List.of();
        }
        try {
            Set<String> tokens = new LinkedHashSet<>();
            if (startsWith(content, "%PDF") || (!startsWith(content, "PK") && hasExtension(fileName, ".pdf"))) {
                readPdf(content, tokens);
            } else if (startsWith(content, "PK")) {
                readDocx(content, tokens);
            }
            return List.copyOf(tokens);
        } catch (Exception | StackOverflowError e) {
            // Evidence files come from strangers; a damaged one simply carries no trace we can read.
            return List.of();
        }
    }

    private static void readDocx(byte[] content, Set<String> tokens) throws Exception {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(content))) {
            var property = docx.getProperties().getCustomProperties().getProperty(PROPERTY);
            if (property != null && property.isSetLpwstr()) {
                addToken(property.getLpwstr(), tokens);
            }
            // Bookmarks may sit in paragraphs, tables or text boxes: search the whole body.
            XmlObject[] bookmarks = docx.getDocument().selectPath(
                    "declare namespace w='" + WORD_NAMESPACE + "' .//w:bookmarkStart");
            QName name = new QName(WORD_NAMESPACE, "name");
            for (XmlObject bookmark : bookmarks) {
                try (XmlCursor cursor = bookmark.newCursor()) {
                    String value = cursor.getAttributeText(name);
                    if (value != null && value.startsWith(BOOKMARK_PREFIX)) {
                        addToken(value.substring(BOOKMARK_PREFIX.length()), tokens);
                    }
                }
            }
        }
    }

    private static void readPdf(byte[] content, Set<String> tokens) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            addToken(pdf.getDocumentInformation().getCustomMetadataValue(PROPERTY), tokens);
            PDMetadata metadata = pdf.getDocumentCatalog().getMetadata();
            if (metadata != null) {
                try (InputStream xmp = metadata.exportXMPMetadata()) {
                    readXmp(xmp, tokens);
                }
            }
        }
    }

    /** Namespace-aware, so a tool that rewrites the prefix or turns the element into an attribute is still read. */
    private static void readXmp(InputStream xmp, Set<String> tokens) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        var builder = factory.newDocumentBuilder();
        // without a handler the parser prints every error of a stranger's metadata to standard error
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
        Element root = builder.parse(xmp).getDocumentElement();
        NodeList elements = root.getElementsByTagNameNS(XMP_NAMESPACE, XMP_PROPERTY);
        for (int i = 0; i < elements.getLength(); i++) {
            addToken(elements.item(i).getTextContent(), tokens);
        }
        NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            Node attribute = attributes == null ? null : attributes.getNamedItemNS(XMP_NAMESPACE, XMP_PROPERTY);
            if (attribute instanceof Attr a) {
                addToken(a.getValue(), tokens);
            }
        }
    }

    private static void addToken(String value, Set<String> tokens) {
        if (value != null && !value.isBlank()) {
            tokens.add(value.strip());
        }
    }

    private static boolean startsWith(byte[] content, String magic) {
        for (int i = 0; i < magic.length(); i++) {
            if (content[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasExtension(String fileName, String extension) {
        return fileName != null && fileName.strip().toLowerCase(Locale.ROOT).endsWith(extension);
    }
}
