package dev.hubsso.scim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class HealthTest {

    @Test
    void readyOnRealInfrastructure() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
