package dev.hubsso.scim.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.error.ScimType;
import dev.hubsso.scim.filter.BoundFilter;
import dev.hubsso.scim.filter.Filter;
import dev.hubsso.scim.filter.FilterBinder;
import dev.hubsso.scim.filter.FilterEvaluator;
import dev.hubsso.scim.filter.FilterParser;
import dev.hubsso.scim.filter.FilterPrinter;
import dev.hubsso.scim.filter.FilterToSql;
import dev.hubsso.scim.schema.ScimSchemas;
import dev.hubsso.scim.users.FilterFixture.Case;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter table without a database: every valid filter parses, prints back to an equal tree,
 * translates to SQL and evaluates in memory to the expected users; every invalid one is
 * invalidFilter from the same pipeline. {@code FilterSqlTest} runs the SQL of the same table.
 */
class FilterTableTest {

    static Stream<Case> cases() {
        return FilterFixture.CASES.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void parsePrintEvaluateAgree(Case c) {
        if (c.matches() == null) {
            ScimException e = assertThrows(ScimException.class, () -> FilterToSql.translate(
                    FilterBinder.parse(c.filter(), ScimSchemas.USERS), UserSql.MAPPING));
            assertEquals(ScimType.INVALID_FILTER, e.scimType());
            assertEquals(400, e.status());
            return;
        }
        Filter parsed = FilterParser.parse(c.filter());
        String printed = FilterPrinter.print(parsed);
        assertEquals(parsed, FilterParser.parse(printed), "print then parse gives the same tree: " + printed);
        BoundFilter bound = FilterBinder.bind(parsed, ScimSchemas.USERS);
        FilterToSql.translate(bound, UserSql.MAPPING); // translatable
        assertEquals(c.matches(), evaluate(bound));
    }

    static Set<UUID> evaluate(BoundFilter bound) {
        Set<UUID> ids = new HashSet<>();
        List<ObjectNode> users = FilterFixture.json();
        for (ObjectNode u : users) {
            if (FilterEvaluator.matches(bound, u)) {
                ids.add(UUID.fromString(u.get("id").asText()));
            }
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "USERNAME EQ \"x\"                                   | USERNAME eq \"x\"",
            "a eq \"1\" or b eq \"2\" and c eq \"3\"             | a eq \"1\" or b eq \"2\" and c eq \"3\"",
            "(a eq \"1\" or b eq \"2\") and c eq \"3\"           | (a eq \"1\" or b eq \"2\") and c eq \"3\"",
            "a eq \"1\" and (b eq \"2\" and c eq \"3\")          | a eq \"1\" and (b eq \"2\" and c eq \"3\")",
            "((a pr))                                          | a pr",
            "not(a pr)                                         | not (a pr)",
            "emails[type eq \"work\"].value eq \"x\"            | emails[type eq \"work\" and value eq \"x\"]",
            "a eq \"q\\\"uote\\\\\"                              | a eq \"q\\\"uote\\\\\"",
            "a eq \"\\u0041\\t\"                                | a eq \"A\\t\"",
            "a gt 1.50e+3                                      | a gt 1.50E+3",
            "a eq TRUE                                         | a eq true",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"m\" | urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"m\"",
    })
    void printsCanonically(String filter, String printed) {
        assertEquals(printed, FilterPrinter.print(FilterParser.parse(filter)));
    }
}
