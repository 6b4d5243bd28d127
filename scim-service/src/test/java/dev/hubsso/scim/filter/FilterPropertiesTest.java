package dev.hubsso.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.error.ScimType;
import dev.hubsso.scim.filter.Filter.AttrPath;
import dev.hubsso.scim.filter.Filter.Literal;
import dev.hubsso.scim.schema.ScimSchemas;
import dev.hubsso.scim.users.UserSql;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the filter parser: printing round-trips, and garbage is only ever invalidFilter. */
class FilterPropertiesTest {

    @Property(tries = 1000)
    void printThenParseGivesTheSameTree(@ForAll("filters") Filter f) {
        String printed = FilterPrinter.print(f);
        assertEquals(f, FilterParser.parse(printed), printed);
    }

    @Property(tries = 2000)
    void garbageIsInvalidFilterOrAValidFilter(@ForAll("garbage") String text) {
        try {
            BoundFilter bound = FilterBinder.parse(text, ScimSchemas.USERS);
            FilterToSql.translate(bound, UserSql.MAPPING);
            FilterEvaluator.matches(bound, sampleUser());
        } catch (ScimException e) {
            assertEquals(ScimType.INVALID_FILTER, e.scimType(), text + ": " + e.getMessage());
            assertEquals(400, e.status());
        }
    }

    @Property(tries = 1000)
    void mutatedValidFiltersAreInvalidFilterOrValid(@ForAll("filters") Filter f, @ForAll("cuts") int cut,
            @ForAll("noise") String noise) {
        String printed = FilterPrinter.print(f);
        int at = Math.min(cut, printed.length());
        garbageIsInvalidFilterOrAValidFilter(printed.substring(0, at) + noise + printed.substring(at));
    }

    private static ObjectNode sampleUser() {
        ObjectNode u = JsonNodeFactory.instance.objectNode();
        u.put("id", "00000000-0000-4000-8000-000000000001");
        u.put("userName", "ada");
        u.put("active", true);
        u.putArray("emails").addObject().put("value", "ada@example.com").put("type", "work");
        u.putObject("meta").put("created", "2024-01-01T00:00:00Z");
        return u;
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 200);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of("(", ")", "[", "]", "\"", "\\", " and ", " or ", "not", " eq ", " pr", ".", ":", "urn:",
                "\\u12", "]].x", " gt true", "", "emails[", "null", "1e");
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> tokens = Arbitraries.of("userName", "emails", "emails.value", "name.givenName", "active",
                "meta.created", "id", "urn:ietf:params:scim:schemas:core:2.0:User:userName",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "x", "eq", "ne", "co",
                "sw", "ew", "gt", "ge", "lt", "le", "pr", "and", "or", "not", "(", ")", "[", "]", "\"a\"", "\"",
                "\"\\\"\"", "\\", "true", "false", "null", "42", "-1.5e3", "\"2024-01-01T00:00:00Z\"", ".", ",", "'x'",
                "\"\\u00zz\"", " ");
        Arbitrary<String> structured = tokens.list().ofMaxSize(12).map(l -> String.join(" ", l));
        Arbitrary<String> raw = Arbitraries.strings().all().ofMaxLength(40);
        return Arbitraries.oneOf(structured, raw);
    }

    @Provide
    Arbitrary<Filter> filters() {
        return filter(4);
    }

    private Arbitrary<Filter> filter(int depth) {
        Arbitrary<Filter> leaf = Arbitraries.oneOf(compare(), present(), valuePath());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Filter> sub = Arbitraries.lazy(() -> filter(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as(Filter.And::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as(Filter.Or::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Filter.Not::new)));
    }

    private Arbitrary<Filter> compare() {
        return Combinators.combine(path(), Arbitraries.of(Filter.Op.class), literal()).as(Filter.Compare::new);
    }

    private Arbitrary<Filter> present() {
        return path().map(Filter.Present::new);
    }

    private Arbitrary<Filter> valuePath() {
        Arbitrary<Filter> inner = Arbitraries.oneOf(
                Combinators.combine(name().map(AttrPath::of), Arbitraries.of(Filter.Op.class), literal())
                        .as(Filter.Compare::new),
                name().map(n -> new Filter.Present(AttrPath.of(n))));
        Arbitrary<Filter> combined = Arbitraries.oneOf(inner,
                Combinators.combine(inner, inner).as(Filter.And::new),
                Combinators.combine(inner, inner).as(Filter.Or::new),
                inner.map(Filter.Not::new));
        return Combinators.combine(name(), combined).as((n, f) -> new Filter.ValuePath(AttrPath.of(n), f));
    }

    private Arbitrary<String> name() {
        Arbitrary<String> generated = Combinators.combine(
                Arbitraries.chars().alpha(),
                Arbitraries.strings().withChars("abcXYZ019_-$").ofMaxLength(8)).as((c, s) -> c + s);
        return Arbitraries.oneOf(generated, Arbitraries.of("userName", "EMAILS", "and", "or", "not", "pr", "eq", "true"));
    }

    private Arbitrary<AttrPath> path() {
        Arbitrary<String> urn = Arbitraries.of(null, "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:hub:x:y");
        Arbitrary<String> sub = Arbitraries.oneOf(Arbitraries.just(null), name());
        return Combinators.combine(urn, name(), sub).as(AttrPath::new);
    }

    private Arbitrary<Literal> literal() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).map(Filter.Str::new),
                Arbitraries.strings().withChars("\"\\/ \t\n\u0001é😀").ofMaxLength(6).map(Filter.Str::new),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e6")).ofScale(3)
                        .map(Filter.Num::new),
                Arbitraries.of(true, false).map(Filter.Bool::new),
                Arbitraries.just(new Filter.Null()));
    }
}
