package io.polyclinic.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.identity.IdentityApiTest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The clinics a CLINIC_MANAGER runs (decision 0027): assigned by an administrator through
 * {@code PUT /api/v1/admin/users/{id}/clinics}, shown with the user, audited, and carried by the user's next tokens.
 */
class UserClinicsApiTest extends IdentityApiTest {

    private static final UUID CLINIC_A = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final UUID CLINIC_B = UUID.fromString("00000000-0000-7000-8000-00000000000b");

    private UUID rootId() {
        return jdbc.sql("select id from users where email = :email")
                .param("email", ROOT_EMAIL)
                .query(UUID.class)
                .single();
    }

    private static String clinicsJson(List<?> ids) {
        return ids.stream()
                .map(id -> id == null ? "null" : "\"" + id + "\"")
                .collect(Collectors.joining(",", "{\"clinicIds\":[", "]}"));
    }

    private static List<String> clinicsClaim(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringListClaim("clinics");
    }

    private UUID manager(String email) {
        var id = register(email);
        putJson("/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"CLINIC_MANAGER\"]}", rootToken());
        return id;
    }

    @Test
    void anAdminAssignsClinicsAndTheManagersNextLoginCarriesThemInTheToken() throws Exception {
        var email = uniqueEmail();
        var id = manager(email);

        var response = putJson(
                "/api/v1/admin/users/" + id + "/clinics", clinicsJson(List.of(CLINIC_B, CLINIC_A)), rootToken());

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(response.body().get("clinicIds").toString())
                .isEqualTo("[\"" + CLINIC_A + "\",\"" + CLINIC_B + "\"]");
        var token = login(email, PASSWORD).text("accessToken");
        assertThat(clinicsClaim(token)).containsExactly(CLINIC_A.toString(), CLINIC_B.toString());
    }

    @Test
    void theAssignedClinicsAreShownWithTheUserAndInTheListing() {
        var email = uniqueEmail();
        var id = manager(email);
        putJson("/api/v1/admin/users/" + id + "/clinics", clinicsJson(List.of(CLINIC_A)), rootToken());

        var user = get("/api/v1/admin/users/" + id, rootToken());
        assertThat(user.status()).as(user.raw().body()).isEqualTo(200);
        assertThat(user.text("email")).isEqualTo(email);
        assertThat(user.body().get("clinicIds").toString()).isEqualTo("[\"" + CLINIC_A + "\"]");
        var listed = get("/api/v1/admin/users?email=" + email, rootToken());
        assertThat(listed.body().get("items").get(0).get("clinicIds").toString())
                .isEqualTo("[\"" + CLINIC_A + "\"]");
        get("/api/v1/admin/users/" + UUID.randomUUID(), rootToken()).assertProblem(404, "not-found");
    }

    @Test
    void aNewAssignmentReplacesTheOldOneAndTheNextRefreshCarriesIt() throws Exception {
        var email = uniqueEmail();
        var id = manager(email);
        putJson("/api/v1/admin/users/" + id + "/clinics", clinicsJson(List.of(CLINIC_A, CLINIC_B)), rootToken());
        var login = login(email, PASSWORD);

        putJson("/api/v1/admin/users/" + id + "/clinics", clinicsJson(List.of(CLINIC_B, CLINIC_B)), rootToken());

        var refreshed = refresh(login.text("refreshToken"));
        assertThat(clinicsClaim(refreshed.text("accessToken"))).containsExactly(CLINIC_B.toString());
        putJson("/api/v1/admin/users/" + id + "/clinics", clinicsJson(List.of()), rootToken());
        assertThat(clinicsClaim(login(email, PASSWORD).text("accessToken"))).isNull();
    }

    @Test
    void clinicsOfAUserWhoIsNotAManagerNeverReachTheToken() throws Exception {
        var email = uniqueEmail();
        var id = register(email);

        var response = putJson("/api/v1/admin/users/" + id + "/clinics", clinicsJson(List.of(CLINIC_A)), rootToken());

        assertThat(response.status()).isEqualTo(200);
        assertThat(clinicsClaim(login(email, PASSWORD).text("accessToken"))).isNull();
        putJson("/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"PATIENT\",\"CLINIC_MANAGER\"]}", rootToken());
        assertThat(clinicsClaim(login(email, PASSWORD).text("accessToken"))).containsExactly(CLINIC_A.toString());
    }

    @Test
    void aChangeIsRecordedWithTheAdminAsActorAndTheClinicsBeforeAndAfter() {
        var id = manager(uniqueEmail());
        putJson("/api/v1/admin/users/" + id + "/clinics", clinicsJson(List.of(CLINIC_A)), rootToken());

        putJson("/api/v1/admin/users/" + id + "/clinics", clinicsJson(List.of(CLINIC_B, CLINIC_A)), rootToken());

        var entries = audit.matching(
                e -> "CLINICS_CHANGED".equals(e.action()) && id.toString().equals(e.entityId()));
        assertThat(entries).hasSize(2);
        var last = entries.getLast();
        assertThat(last.actorId()).isEqualTo(rootId());
        assertThat(last.entityType()).isEqualTo("user");
        assertThat(last.details())
                .isEqualTo(Map.of(
                        "before", List.of(CLINIC_A.toString()),
                        "after", List.of(CLINIC_A.toString(), CLINIC_B.toString())));
    }

    @Test
    void aNonAdminIsForbiddenAndNothingIsRecorded() {
        var id = manager(uniqueEmail());
        var patient = registerAndLogin(uniqueEmail()).text("accessToken");

        putJson("/api/v1/admin/users/" + id + "/clinics", clinicsJson(List.of(CLINIC_A)), patient)
                .assertProblem(403, "forbidden");
        get("/api/v1/admin/users/" + id, patient).assertProblem(403, "forbidden");

        assertThat(audit.matching(e ->
                        "CLINICS_CHANGED".equals(e.action()) && id.toString().equals(e.entityId())))
                .isEmpty();
    }

    @Test
    void invalidListsAreAnswered400AndAnUnknownUser404() {
        var id = manager(uniqueEmail());
        var token = rootToken();
        var path = "/api/v1/admin/users/" + id + "/clinics";
        var fiftyOne = IntStream.range(0, 51).mapToObj(i -> UUID.randomUUID()).toList();

        putJson(path, clinicsJson(fiftyOne), token).assertProblem(400, "validation-failed");
        putJson(path, clinicsJson(Collections.singletonList(null)), token).assertProblem(400, "validation-failed");
        putJson(path, "{\"clinicIds\":[\"not-a-uuid\"]}", token).assertProblem(400, "malformed-body");
        putJson(path, "{}", token).assertProblem(400, "validation-failed");
        putJson("/api/v1/admin/users/" + UUID.randomUUID() + "/clinics", clinicsJson(List.of(CLINIC_A)), token)
                .assertProblem(404, "not-found");

        assertThat(audit.matching(e ->
                        "CLINICS_CHANGED".equals(e.action()) && id.toString().equals(e.entityId())))
                .isEmpty();
        assertThat(putJson(path, clinicsJson(fiftyOne.subList(0, 50)), token).status())
                .isEqualTo(200);
    }
}
