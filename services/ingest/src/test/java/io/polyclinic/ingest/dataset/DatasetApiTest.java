package io.polyclinic.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.ingest.IngestTest;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/datasets} as a manager, an administrator and a patient see it. */
class DatasetApiTest extends IngestTest {

    @Test
    void theThreeDatasetsAreListedWithFieldsAndNaturalKeys() throws Exception {
        var response = get("/api/v1/datasets", admin);

        assertThat(response.statusCode()).isEqualTo(200);
        var items = json(response).get("items");
        assertThat(items.findValuesAsString("name")).contains("doctors", "slots", "clinic_visits");
        var visits = items.get(2);
        assertThat(visits.get("naturalKey").toString()).isEqualTo("[\"month\",\"clinic\",\"department\",\"doctor\"]");
        assertThat(visits.get("fields").get(0).get("type").asString()).isEqualTo("MONTH");
        assertThat(visits.get("fields").get(0).get("required").asBoolean()).isTrue();
        assertThat(items.get(0).get("naturalKey").toString()).isEqualTo("[\"external_id\"]");
    }

    @Test
    void aPatientIsRefusedAndAStrangerMustAuthenticate() throws Exception {
        assertThat(get("/api/v1/datasets", patient).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/datasets", null).statusCode()).isEqualTo(401);
    }
}
