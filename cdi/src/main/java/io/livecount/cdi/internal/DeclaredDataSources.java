package io.livecount.cdi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The data source a persistence unit declares in {@code META-INF/persistence.xml} ({@code
 * jta-data-source}, else {@code non-jta-data-source}), looked up in JNDI: the same pool the
 * container gave the unit. Used where the server hides the provider classes that lead from the unit
 * to its pool.
 */
final class DeclaredDataSources {

    private static final String KEY = ConfigReader.PERSISTENCE_UNIT;

    private DeclaredDataSources() {}

    static DataSource of(String unit, LinkageError hidden) {
        String jndiName = declaredName(unit);
        if (jndiName == null) {
            throw new IllegalArgumentException(
                    KEY + " = '" + unit + "': the provider's classes are hidden from the application (" + hidden
                            + ") and no META-INF/persistence.xml declares a data source for this unit",
                    hidden);
        }
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException | RuntimeException e) {
            throw new IllegalArgumentException(
                    KEY + " = '" + unit + "': the unit's data source " + jndiName + " cannot be looked up (" + e + ")",
                    e);
        }
    }

    private static String declaredName(String unit) {
        try {
            Enumeration<URL> files =
                    Thread.currentThread().getContextClassLoader().getResources("META-INF/persistence.xml");
            while (files.hasMoreElements()) {
                String name = declaredName(files.nextElement(), unit);
                if (name != null) {
                    return name;
                }
            }
            return null;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    KEY + " = '" + unit + "': cannot read META-INF/persistence.xml: " + e, e);
        }
    }

    private static String declaredName(URL file, String unit) throws IOException {
        try (InputStream in = file.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList units = factory.newDocumentBuilder().parse(in).getElementsByTagNameNS("*", "persistence-unit");
            for (int i = 0; i < units.getLength(); i++) {
                Element element = (Element) units.item(i);
                if (unit.equals(element.getAttribute("name"))) {
                    String jta = text(element, "jta-data-source");
                    return jta != null ? jta : text(element, "non-jta-data-source");
                }
            }
            return null;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(Element unit, String tag) {
        NodeList found = unit.getElementsByTagNameNS("*", tag);
        if (found.getLength() == 0) {
            return null;
        }
        String text = found.item(0).getTextContent().trim();
        return text.isEmpty() ? null : text;
    }
}
