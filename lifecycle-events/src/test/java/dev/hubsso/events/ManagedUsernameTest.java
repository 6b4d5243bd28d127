package dev.hubsso.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManagedUsernameTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            alice@corp.com              | demo | alice-demo
            Alice.Liddell@corp.com      | demo | Alice-Liddell-demo
            john_doe                    | acme | john-doe-acme
            --weird..name--             | acme | weird-name-acme
            12345                       | acme | 12345-acme
            ' spaced name '             | ab   | spaced-name-ab
            a                           | ab   | a-ab
            """)
    void derives(String userName, String shortCode, String expected) {
        assertEquals(expected, ManagedUsername.derive(userName, shortCode));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            '@corp.com' | demo
            '---'       | demo
            alice       | DEMO
            alice       | d
            alice       | 123
            """)
    void refuses(String userName, String shortCode) {
        assertThrows(IllegalArgumentException.class, () -> ManagedUsername.derive(userName, shortCode));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ab          | true
            a           | false
            a-b         | true
            a--b        | false
            -ab         | false
            ab-         | false
            1234        | false
            12a4        | true
            a_b         | false
            abcdefghijabcdefghijabcdefghijabcdefghijab  | true
            abcdefghijabcdefghijabcdefghijabcdefghijabc | false
            """)
    void validatesHubUsernames(String username, boolean valid) {
        assertEquals(valid, ManagedUsername.isValid(username));
    }

    @Property(tries = 2000)
    void derivedUsernamesAreAlwaysValidAndCarryTheSuffix(@ForAll @StringLength(max = 80) String userName) {
        String derived;
        try {
            derived = ManagedUsername.derive(userName, "acme");
        } catch (IllegalArgumentException e) {
            assertTrue(userName.chars().noneMatch(c -> (c < 128 && Character.isLetterOrDigit(c)))
                    || userName.strip().startsWith("@") || userName.contains("@"),
                    "only a userName with nothing usable is refused: " + userName);
            return;
        }
        assertTrue(ManagedUsername.isValid(derived), derived);
        assertTrue(derived.endsWith("-acme"), derived);
        assertEquals(derived, ManagedUsername.derive(userName, "acme"), "derivation is deterministic");
    }
}
