package dev.vla4j.nodes.ros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class XmlRpcTest {

    private static Object decode(String xml) throws XmlRpcException {
        return XmlRpc.decodeResponse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Turns an encoded one-parameter call into the response that returns that parameter. */
    private static Object roundTrip(Object value) throws XmlRpcException {
        String call = new String(XmlRpc.encodeCall("echo", List.of(value)), StandardCharsets.UTF_8);
        return decode(call.replace("<methodCall><methodName>echo</methodName>", "<methodResponse>")
                .replace("</methodCall>", "</methodResponse>"));
    }

    @Test
    void everyTypeRoundTrips() throws XmlRpcException {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("limit", 0.7);
        struct.put("name", "a <b> & c");
        struct.put("flags", List.of(true, false));
        List<Object> value = List.of(1, -2147483648, "/cmd_vel", 3.25, struct, List.of(), Map.of());
        assertEquals(value, roundTrip(value));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, (byte[]) roundTrip(new byte[] {0, 1, 2, (byte) 255}));
    }

    @Test
    void readsTheMasterReplyShapeWithI4AndUntypedStringsAsRoscppSendsThem() throws XmlRpcException {
        Object reply = decode("""
                <?xml version='1.0'?>
                <methodResponse><params><param><value><array><data>
                  <value><i4>1</i4></value>
                  <value>current system state</value>
                  <value><array><data>
                    <value><array><data><value>/cmd_vel</value>
                      <value><array><data><value><string>/teleop</string></value></data></array></value>
                    </data></array></value>
                  </data></array></value>
                </data></array></value></param></params></methodResponse>
                """);
        assertEquals(List.of(1, "current system state", List.of(List.of("/cmd_vel", List.of("/teleop")))), reply);
    }

    @Test
    void aFaultBecomesAFaultExceptionWithItsCode() {
        XmlRpc.Fault fault = assertThrows(XmlRpc.Fault.class, () -> decode("""
                <methodResponse><fault><value><struct>
                  <member><name>faultCode</name><value><int>-32601</int></value></member>
                  <member><name>faultString</name><value><string>no such method</string></value></member>
                </struct></value></fault></methodResponse>"""));
        assertEquals(-32601, fault.code());
        assertTrue(fault.getMessage().contains("no such method"), fault.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not xml at all",
        "<methodResponse><params><param><value><int>1</int></value>",
        "<methodResponse><params><param><value><int>one</int></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><boolean>yes</boolean></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><dateTime.iso8601>x</dateTime.iso8601></value></param></params></methodResponse>",
        "<methodCall><methodName>x</methodName></methodCall>",
        "<!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><methodResponse><params><param><value>&e;</value></param></params></methodResponse>",
    })
    void malformedResponsesFailWithAClearMessage(String xml) {
        XmlRpcException e = assertThrows(XmlRpcException.class, () -> decode(xml));
        assertTrue(e.getMessage().startsWith("malformed XML-RPC response"), e.getMessage());
    }

    @Test
    void valuesXmlRpcCannotCarryAreRefusedWhenEncoding() {
        assertThrows(IllegalArgumentException.class, () -> XmlRpc.encodeCall("m", List.of(new Object())));
        assertThrows(ArithmeticException.class, () -> XmlRpc.encodeCall("m", List.of(1L << 40)));
    }
}
