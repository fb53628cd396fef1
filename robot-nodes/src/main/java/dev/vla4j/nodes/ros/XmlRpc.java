package dev.vla4j.nodes.ros;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XML-RPC subset ROS 1 speaks (specs/ros1-mqtt.md §5.2), written by hand: no external library.
 *
 * <p>Values map to Java as: {@code <int>/<i4>} ↔ {@link Integer}, {@code <boolean>} ↔ {@link Boolean},
 * {@code <string>} and untyped text (as roscpp sends it) ↔ {@link String}, {@code <double>} ↔ {@link Double},
 * {@code <array>} ↔ {@link List}, {@code <struct>} ↔ {@link Map}, {@code <base64>} ↔ {@code byte[]}.
 */
public final class XmlRpc {
    private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();

    static {
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private XmlRpc() {}

    /** A {@code <fault>} answer: the server understood the call and refused it. */
    public static final class Fault extends XmlRpcException {
        private final int code;

        Fault(int code, String message) {
            super("XML-RPC fault " + code + ": " + message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** A decoded {@code <methodCall>}. */
    public record Call(String method, List<Object> params) {}

    /** The body of a {@code <methodCall>}. */
    public static byte[] encodeCall(String method, List<?> params) {
        StringBuilder xml = new StringBuilder(256)
                .append("<?xml version=\"1.0\"?><methodCall><methodName>").append(escape(method))
                .append("</methodName>");
        writeParams(xml, params);
        return xml.append("</methodCall>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body of a {@code <methodResponse>} returning {@code value}. */
    public static byte[] encodeResponse(Object value) {
        StringBuilder xml = new StringBuilder(256).append("<?xml version=\"1.0\"?><methodResponse>");
        writeParams(xml, List.of(value));
        return xml.append("</methodResponse>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body of a {@code <methodResponse>} carrying a {@code <fault>}. */
    public static byte[] encodeFault(int code, String message) {
        StringBuilder xml = new StringBuilder(256).append("<?xml version=\"1.0\"?><methodResponse><fault>");
        writeValue(xml, Map.of("faultCode", code, "faultString", message));
        return xml.append("</fault></methodResponse>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeParams(StringBuilder xml, List<?> params) {
        xml.append("<params>");
        for (Object param : params) {
            xml.append("<param>");
            writeValue(xml, param);
            xml.append("</param>");
        }
        xml.append("</params>");
    }

    /**
     * Reads a {@code <methodCall>}, as sent by rosmaster, rospy and roscpp (whose strings are untyped).
     *
     * @throws XmlRpcException when the document is not a well-formed XML-RPC call
     */
    public static Call decodeCall(InputStream body) throws XmlRpcException {
        try {
            XMLStreamReader reader = INPUT.createXMLStreamReader(body);
            try {
                expectStart(reader.nextTag(), reader, "methodCall");
                expectStart(reader.nextTag(), reader, "methodName");
                String method = reader.getElementText().trim();
                List<Object> params = new ArrayList<>();
                int event = reader.nextTag();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    expectStart(event, reader, "params");
                    while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        expectStart(XMLStreamConstants.START_ELEMENT, reader, "param");
                        expectStart(reader.nextTag(), reader, "value");
                        params.add(readValue(reader));
                        expectEnd(reader.nextTag(), reader, "param");
                    }
                    expectEnd(XMLStreamConstants.END_ELEMENT, reader, "params");
                    event = reader.nextTag();
                }
                expectEnd(event, reader, "methodCall");
                return new Call(method, params);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw new XmlRpcException("malformed XML-RPC call: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code <methodResponse>}.
     *
     * @return the single returned value
     * @throws Fault when the response is a fault
     * @throws XmlRpcException when the document is not a well-formed XML-RPC response
     */
    public static Object decodeResponse(InputStream body) throws XmlRpcException {
        try {
            XMLStreamReader reader = INPUT.createXMLStreamReader(body);
            try {
                expectStart(reader.nextTag(), reader, "methodResponse");
                int event = reader.nextTag();
                if (event == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("fault")) {
                    expectStart(reader.nextTag(), reader, "value");
                    Object fault = readValue(reader);
                    expectEnd(reader.nextTag(), reader, "fault");
                    throw fault(fault);
                }
                expectStart(event, reader, "params");
                expectStart(reader.nextTag(), reader, "param");
                expectStart(reader.nextTag(), reader, "value");
                Object value = readValue(reader);
                expectEnd(reader.nextTag(), reader, "param");
                expectEnd(reader.nextTag(), reader, "params");
                expectEnd(reader.nextTag(), reader, "methodResponse");
                return value;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw new XmlRpcException("malformed XML-RPC response: " + e.getMessage(), e);
        }
    }

    private static Fault fault(Object value) throws XmlRpcException {
        if (value instanceof Map<?, ?> struct && struct.get("faultCode") instanceof Integer code) {
            return new Fault(code, String.valueOf(struct.get("faultString")));
        }
        throw new XmlRpcException("malformed XML-RPC fault: " + value);
    }

    private static void writeValue(StringBuilder xml, Object value) {
        xml.append("<value>");
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            xml.append("<int>").append(value).append("</int>");
        } else if (value instanceof Long l) {
            xml.append("<int>").append(Math.toIntExact(l)).append("</int>");
        } else if (value instanceof Boolean b) {
            xml.append("<boolean>").append(b ? 1 : 0).append("</boolean>");
        } else if (value instanceof Double || value instanceof Float) {
            xml.append("<double>").append(((Number) value).doubleValue()).append("</double>");
        } else if (value instanceof String s) {
            xml.append("<string>").append(escape(s)).append("</string>");
        } else if (value instanceof byte[] bytes) {
            xml.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
        } else if (value instanceof List<?> list) {
            xml.append("<array><data>");
            list.forEach(item -> writeValue(xml, item));
            xml.append("</data></array>");
        } else if (value instanceof Map<?, ?> map) {
            xml.append("<struct>");
            map.forEach((key, item) -> {
                xml.append("<member><name>").append(escape(String.valueOf(key))).append("</name>");
                writeValue(xml, item);
                xml.append("</member>");
            });
            xml.append("</struct>");
        } else {
            throw new IllegalArgumentException("XML-RPC cannot carry " + (value == null ? "null" : value.getClass()));
        }
        xml.append("</value>");
    }

    /** Reads from a {@code <value>} start tag to its end tag. */
    private static Object readValue(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder untyped = new StringBuilder();
        while (true) {
            switch (reader.next()) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        untyped.append(reader.getText());
                case XMLStreamConstants.START_ELEMENT -> {
                    Object value = readTyped(reader);
                    expectEnd(reader.nextTag(), reader, "value");
                    return value;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return untyped.toString();
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("document ends inside <value>");
                default -> { }
            }
        }
    }

    private static Object readTyped(XMLStreamReader reader) throws XMLStreamException {
        String type = reader.getLocalName();
        return switch (type) {
            case "int", "i4" -> Integer.parseInt(reader.getElementText().trim());
            case "boolean" -> parseBoolean(reader.getElementText().trim());
            case "string" -> reader.getElementText();
            case "double" -> Double.parseDouble(reader.getElementText().trim());
            case "base64" -> Base64.getMimeDecoder().decode(reader.getElementText().trim());
            case "array" -> readArray(reader);
            case "struct" -> readStruct(reader);
            default -> throw new XMLStreamException("unsupported XML-RPC type <" + type + ">", reader.getLocation());
        };
    }

    private static Boolean parseBoolean(String text) throws XMLStreamException {
        return switch (text) {
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> throw new XMLStreamException("<boolean> must be 0 or 1, got '" + text + "'");
        };
    }

    private static List<Object> readArray(XMLStreamReader reader) throws XMLStreamException {
        expectStart(reader.nextTag(), reader, "data");
        List<Object> items = new ArrayList<>();
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
            expectStart(XMLStreamConstants.START_ELEMENT, reader, "value");
            items.add(readValue(reader));
        }
        expectEnd(XMLStreamConstants.END_ELEMENT, reader, "data");
        expectEnd(reader.nextTag(), reader, "array");
        return items;
    }

    private static Map<String, Object> readStruct(XMLStreamReader reader) throws XMLStreamException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
            expectStart(XMLStreamConstants.START_ELEMENT, reader, "member");
            expectStart(reader.nextTag(), reader, "name");
            String name = reader.getElementText();
            expectStart(reader.nextTag(), reader, "value");
            members.put(name, readValue(reader));
            expectEnd(reader.nextTag(), reader, "member");
        }
        expectEnd(XMLStreamConstants.END_ELEMENT, reader, "struct");
        return members;
    }

    private static void expectStart(int event, XMLStreamReader reader, String name) throws XMLStreamException {
        if (event != XMLStreamConstants.START_ELEMENT || !reader.getLocalName().equals(name)) {
            throw new XMLStreamException("expected <" + name + ">", reader.getLocation());
        }
    }

    private static void expectEnd(int event, XMLStreamReader reader, String name) throws XMLStreamException {
        if (event != XMLStreamConstants.END_ELEMENT || !reader.getLocalName().equals(name)) {
            throw new XMLStreamException("expected </" + name + ">", reader.getLocation());
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
