package dev.hubsso.scim.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubsso.scim.bulk.BulkOperation.Endpoint;
import dev.hubsso.scim.bulk.BulkOperation.Method;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.error.ScimType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The BulkRequest envelope: what is accepted, and each way it is refused before anything runs. */
class BulkRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BulkRequest parse(String json, int max) throws Exception {
        return BulkRequest.parse(JSON.readTree(json), max);
    }

    @Test
    void readsEveryOperationShape() throws Exception {
        BulkRequest r = parse("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"failOnErrors":2,"Operations":[
                 {"method":"POST","path":"/Users","bulkId":"u1","data":{"userName":"a"}},
                 {"method":"put","path":"/Users/bulkId:u1","version":"W/\\"1\\"","data":{"userName":"b"}},
                 {"Method":"Patch","Path":"/groups/abc/","Data":{"Operations":[]}},
                 {"method":"DELETE","path":"Groups/abc","bulkId":"echoed","data":"ignored"}]}
                """, 10);
        assertEquals(2, r.failOnErrors());
        assertEquals(4, r.operations().size());
        BulkOperation post = r.operations().get(0);
        assertEquals(Method.POST, post.method());
        assertEquals(Endpoint.USERS, post.endpoint());
        assertNull(post.id());
        assertEquals("u1", post.bulkId());
        BulkOperation put = r.operations().get(1);
        assertEquals("bulkId:u1", put.id());
        assertEquals("W/\"1\"", put.version());
        BulkOperation patch = r.operations().get(2);
        assertEquals(Method.PATCH, patch.method());
        assertEquals(Endpoint.GROUPS, patch.endpoint());
        assertEquals("abc", patch.id());
        BulkOperation delete = r.operations().get(3);
        assertNull(delete.data());
        assertEquals("echoed", delete.bulkId());
        assertEquals(3, delete.index());
    }

    @Test
    void failOnErrorsMayBeAbsentOrAString() throws Exception {
        assertNull(parse("{\"Operations\":[]}", 10).failOnErrors());
        assertEquals(3, parse("{\"failOnErrors\":\"3\",\"Operations\":[]}", 10).failOnErrors());
    }

    @Test
    void moreOperationsThanTheLimitIs413NamingIt() {
        ScimException e = assertThrows(ScimException.class, () -> parse("""
                {"Operations":[{"method":"DELETE","path":"/Users/a"},{"method":"DELETE","path":"/Users/b"},
                 {"method":"DELETE","path":"/Users/c"}]}""", 2));
        assertEquals(413, e.status());
        assertNull(e.scimType());
        assertEquals(true, e.detail().contains("maxOperations (2)"), e.detail());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{}", ScimType.INVALID_SYNTAX),
                Arguments.of("{\"Operations\":{}}", ScimType.INVALID_SYNTAX),
                Arguments.of("{\"Operations\":[\"x\"]}", ScimType.INVALID_SYNTAX),
                Arguments.of("{\"failOnErrors\":0,\"Operations\":[]}", ScimType.INVALID_VALUE),
                Arguments.of("{\"failOnErrors\":-1,\"Operations\":[]}", ScimType.INVALID_VALUE),
                Arguments.of("{\"failOnErrors\":1.5,\"Operations\":[]}", ScimType.INVALID_VALUE),
                Arguments.of("{\"failOnErrors\":\"many\",\"Operations\":[]}", ScimType.INVALID_VALUE),
                Arguments.of(op("{\"path\":\"/Users/a\"}"), ScimType.INVALID_VALUE),
                Arguments.of(op("{\"method\":\"GET\",\"path\":\"/Users/a\"}"), ScimType.INVALID_VALUE),
                Arguments.of(op("{\"method\":\"DELETE\"}"), ScimType.INVALID_PATH),
                Arguments.of(op("{\"method\":\"DELETE\",\"path\":\"/Printers/a\"}"), ScimType.INVALID_PATH),
                Arguments.of(op("{\"method\":\"DELETE\",\"path\":\"/Users\"}"), ScimType.INVALID_PATH),
                Arguments.of(op("{\"method\":\"DELETE\",\"path\":\"/Users/a/b\"}"), ScimType.INVALID_PATH),
                Arguments.of(op("{\"method\":\"DELETE\",\"path\":\"/Users?filter=x\"}"), ScimType.INVALID_PATH),
                Arguments.of(op("{\"method\":\"POST\",\"path\":\"/Users/a\",\"bulkId\":\"b\",\"data\":{}}"),
                        ScimType.INVALID_PATH),
                Arguments.of(op("{\"method\":\"POST\",\"path\":\"/Users\",\"data\":{}}"), ScimType.INVALID_VALUE),
                Arguments.of(op("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\" \",\"data\":{}}"),
                        ScimType.INVALID_VALUE),
                Arguments.of(op("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b\"}"), ScimType.INVALID_SYNTAX),
                Arguments.of(op("{\"method\":\"PATCH\",\"path\":\"/Users/a\",\"data\":[]}"), ScimType.INVALID_SYNTAX),
                Arguments.of("""
                        {"Operations":[{"method":"POST","path":"/Users","bulkId":"same","data":{}},
                         {"method":"POST","path":"/Groups","bulkId":"same","data":{}}]}""", ScimType.INVALID_VALUE));
    }

    private static String op(String operation) {
        return "{\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/ok\"}," + operation + "]}";
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedEnvelopeIs400(String json, ScimType expected) {
        ScimException e = assertThrows(ScimException.class, () -> parse(json, 10));
        assertEquals(400, e.status(), e.detail());
        assertEquals(expected, e.scimType(), e.detail());
    }
}
