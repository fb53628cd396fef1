package dev.vla4j.nodes.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Server-side XML-RPC: decoding calls as roscpp and rospy send them, answers, faults, and the HTTP server. */
class XmlRpcServerTest {

    @Test
    void decodesACallWithRoscppsUntypedStrings() throws Exception {
        XmlRpc.Call call = XmlRpc.decodeCall(new ByteArrayInputStream("""
                <?xml version="1.0"?>
                <methodCall><methodName>publisherUpdate</methodName>
                <params><param><value>/master</value></param><param><value>/cmd_vel</value></param>
                <param><value><array><data><value>http://127.0.0.1:37171/</value></data></array></value></param>
                </params></methodCall>""".getBytes(StandardCharsets.UTF_8)));
        assertEquals("publisherUpdate", call.method());
        assertEquals(List.of("/master", "/cmd_vel", List.of("http://127.0.0.1:37171/")), call.params());
        XmlRpc.Call noParams = XmlRpc.decodeCall(new ByteArrayInputStream(
                "<methodCall><methodName>getPid</methodName></methodCall>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), noParams.params());
    }

    @Test
    void responsesAndFaultsDecodeBack() throws Exception {
        List<Object> reply = List.of(1, "ready", List.of("TCPROS", "127.0.0.1", 4242));
        assertEquals(reply, XmlRpc.decodeResponse(new ByteArrayInputStream(XmlRpc.encodeResponse(reply))));
        XmlRpc.Fault fault = assertThrows(XmlRpc.Fault.class, () -> XmlRpc.decodeResponse(
                new ByteArrayInputStream(XmlRpc.encodeFault(-32601, "no <such> method"))));
        assertEquals(-32601, fault.code());
        assertTrue(fault.getMessage().contains("no <such> method"), fault.getMessage());
    }

    @Test
    void malformedCallsAreRefused() {
        XmlRpcException e = assertThrows(XmlRpcException.class, () -> XmlRpc.decodeCall(
                new ByteArrayInputStream("<methodCall><params/></methodCall>".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().startsWith("malformed XML-RPC call"), e.getMessage());
    }

    @Test
    void theServerAnswersTheJdkClientAndARoscppStyleRawRequest() throws Exception {
        try (XmlRpcServer server = XmlRpcServer.start(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", "test",
                (method, params) -> {
                    if (!method.equals("echo")) {
                        throw new XmlRpcException("unknown method " + method);
                    }
                    return params;
                })) {
            XmlRpcClient client = new XmlRpcClient(server.uri(), Duration.ofSeconds(5));
            assertEquals(List.of("a", 2, List.of(true)), client.call("echo", "a", 2, List.of(true)));
            XmlRpcException refused = assertThrows(XmlRpcException.class, () -> client.call("nope"));
            assertTrue(refused.getCause() instanceof XmlRpc.Fault, "a fault, not a transport error: " + refused);
            assertTrue(refused.getMessage().contains("unknown method nope"), refused.getMessage());

            // roscpp's XmlRpc++ client: "Content-length" with a lower-case l, untyped string values.
            String body = "<?xml version=\"1.0\"?><methodCall><methodName>echo</methodName><params>"
                    + "<param><value>/relay</value></param></params></methodCall>\r\n";
            try (Socket socket = new Socket("127.0.0.1", server.uri().getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nUser-Agent: XMLRPC++ 0.7\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: text/xml\r\nContent-length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                // XmlRpc++ finds the body through Content-length; the connection stays open (keep-alive).
                Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
                assertTrue(length.find(), head);
                byte[] xml = in.readNBytes(Integer.parseInt(length.group(1)));
                assertEquals(List.of("/relay"), XmlRpc.decodeResponse(new ByteArrayInputStream(xml)));
            }
        }
    }

    /** The status line and headers of an HTTP response, up to the blank line. */
    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the response ended inside its headers: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
