package org.natterjack.webadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.natterjack.webadmin.api.Api;
import org.natterjack.webadmin.api.ApiRoute;

/** The OpenAPI document stays true: it describes exactly the routes the server registers, with their roles. */
class OpenApiTest {

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(Api.class.getResourceAsStream(Api.OPENAPI_RESOURCE));
    }

    private static Set<String> registered() {
        Set<String> routes = new TreeSet<>();
        for (ApiRoute r : Api.routes(null, null, null, null, null, null, null, null, null, null, null, null)) {
            routes.add(r.method().name().toLowerCase(Locale.ROOT) + " " + r.path());
        }
        return routes;
    }

    @Test
    void everyRouteIsDocumentedAndNothingElse() throws Exception {
        Set<String> documented = new TreeSet<>();
        document().get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method + " " + path.getKey())));

        assertEquals(registered(), documented);
    }

    @Test
    void theDocumentedRoleIsTheEnforcedOne() throws Exception {
        JsonNode paths = document().get("paths");
        for (ApiRoute r : Api.routes(null, null, null, null, null, null, null, null, null, null, null, null)) {
            String description = paths.get(r.path()).get(r.method().name().toLowerCase(Locale.ROOT))
                    .get("description").asText();
            String expected = r.role().map(role -> "Needs the " + role.label() + " role.").orElse("Public.");
            assertTrue(description.startsWith(expected), r + ": " + description);
        }
    }
}
