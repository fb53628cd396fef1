package dev.vla4j.nodes.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TeleopServerOptionsTest {
    private static final String TOKEN = "a-token-of-16-chars";

    @Test
    void loopbackNeedsNoToken() {
        assertEquals("127.0.0.1", TeleopServerOptions.local(0).host());
        new TeleopServerOptions("localhost", 8080, null, 300);
        new TeleopServerOptions("::1", 8080, null, 300);
    }

    @Test
    void anyOtherAddressNeedsAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TeleopServerOptions("0.0.0.0", 8080, null, 300));
        assertTrue(e.getMessage().contains("--token"), e.getMessage());
        new TeleopServerOptions("0.0.0.0", 8080, TOKEN, 300);
    }

    @Test
    void badValuesAreNamed() {
        assertMessage("at least 16", () -> new TeleopServerOptions("0.0.0.0", 8080, "short", 300));
        assertMessage("250..500", () -> new TeleopServerOptions("127.0.0.1", 8080, null, 1000));
        assertMessage("0..65535", () -> new TeleopServerOptions("127.0.0.1", 70000, null, 300));
        assertMessage("empty", () -> new TeleopServerOptions(" ", 8080, null, 300));
        assertMessage("cannot resolve", () -> new TeleopServerOptions("no-such-host.invalid", 8080, null, 300));
    }

    private static void assertMessage(String part, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
