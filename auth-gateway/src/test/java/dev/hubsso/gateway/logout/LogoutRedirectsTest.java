package dev.hubsso.gateway.logout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where logout may send a browser: a table of redirect values and what each becomes. */
class LogoutRedirectsTest {

    private static final String ORIGIN = "https://hub.example.com";

    @Test
    void onlyTheGatewaysOwnOriginIsAccepted() {
        List<String[]> cases = Arrays.asList(
                new String[] {"/", ORIGIN + "/"},
                new String[] {"/models?tab=mine#top", ORIGIN + "/models?tab=mine#top"},
                new String[] {"https://hub.example.com/x", "https://hub.example.com/x"},
                new String[] {"https://HUB.example.com:443/x", "https://HUB.example.com:443/x"},
                new String[] {"http://hub.example.com/x", null},
                new String[] {"https://hub.example.com:8443/x", null},
                new String[] {"https://evil.example/", null},
                new String[] {"https://hub.example.com.evil.example/", null},
                new String[] {"https://hub.example.com@evil.example/", null},
                new String[] {"https://user@hub.example.com/", null},
                new String[] {"//evil.example/x", null},
                new String[] {"/\\evil.example", null},
                new String[] {"/a b", null},
                new String[] {"/x\r\nSet-Cookie: a=b", null},
                new String[] {"javascript:alert(1)", null},
                new String[] {"relative/path", null},
                new String[] {"", null},
                new String[] {null, null});
        for (String[] c : cases) {
            assertEquals(c[1], LogoutRedirects.sameOrigin(c[0], ORIGIN), String.valueOf(c[0]));
        }
    }

    @Test
    void originDropsPathAndDefaultPorts() {
        assertEquals("https://hub.example.com", LogoutRedirects.origin(URI.create("https://Hub.Example.com:443/a/b")));
        assertEquals("http://localhost:8083", LogoutRedirects.origin(URI.create("http://localhost:8083/")));
        assertEquals("http://hub.example.com", LogoutRedirects.origin(URI.create("http://hub.example.com:80")));
    }
}
