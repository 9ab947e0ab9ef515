package io.polyclinic.booking.specialty;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SpecialtyApiTest extends BookingApiTest {

    @Test
    void theSpecialtyListIsAPageOfTheWholeCatalogueByDefault() {
        createSpecialty();
        var total =
                jdbc.sql("select count(*) from specialties").query(Long.class).single();

        for (var token : new String[] {null, admin}) {
            var path = token == null ? "/api/v1/specialties" : "/api/v1/admin/specialties";
            var list = get(path, token);
            assertThat(list.contentType()).startsWith("application/json");
            assertThat(list.body().propertyNames())
                    .containsExactlyInAnyOrder("items", "page", "size", "totalItems", "totalPages");
            assertThat(list.body().get("page").asInt()).isZero();
            assertThat(list.body().get("size").asInt()).isEqualTo(PageQuery.MAX_SIZE);
            assertThat(list.body().get("totalItems").asLong()).isEqualTo(total);
            assertThat(list.body().get("totalPages").asLong()).isEqualTo((total + 99) / 100);
            assertThat(list.items().size()).isEqualTo((int) Math.min(total, PageQuery.MAX_SIZE));
            assertThat(list.items().get(0).propertyNames()).containsExactlyInAnyOrder("code", "nameRu", "nameEn");
        }
    }

    @Test
    void smallSpecialtyPagesFollowTheCodeOrderWithoutOverlap() {
        createSpecialty();
        createSpecialty();
        var first = get("/api/v1/specialties?size=4", null).items().findValuesAsString("code");
        var paged = new ArrayList<String>();
        for (int page = 0; page < 2; page++) {
            var response = get("/api/v1/specialties?size=2&page=" + page, null);
            assertThat(response.body().get("page").asInt()).isEqualTo(page);
            assertThat(response.body().get("size").asInt()).isEqualTo(2);
            paged.addAll(response.items().findValuesAsString("code"));
        }
        assertThat(paged).hasSize(4).doesNotHaveDuplicates().containsExactlyElementsOf(first);
    }

    @Test
    void aSpecialtyPageLargerThanTheCapOrBeforeTheFirstIsA400() {
        get("/api/v1/specialties?size=101", null).isProblem(400, "invalid-request");
        get("/api/v1/specialties?page=-1", null).isProblem(400, "invalid-request");
        get("/api/v1/admin/specialties?size=101", admin).isProblem(400, "invalid-request");
        get("/api/v1/admin/specialties", patientToken(Ids.newId())).isProblem(403, null);
    }
}
