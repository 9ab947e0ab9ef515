package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.notifier.mail.OutgoingEmail;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real platform (embedded PostgreSQL and Kafka, identity, booking, audit, notifier, gateway in this JVM, demo
 * data) driven through the gateway, the way the web UI and API clients use it, and through the queue other services
 * send email jobs to.
 */
class DevStackEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path var;

    static DevStack stack;

    /** The stack's gateway, as an API client reaches it. */
    static GatewayClient gateway;

    /**
     * The browser tests log the same admin and patients in from 127.0.0.1 dozens of times a minute; identity's login
     * protection (5 attempts per account and address, 20 per address, each a minute) would answer 429 to the suite
     * itself. The shared stack allows more, still low enough for the per-client test ({@link WebUiEdgeFlows}) to
     * reach the limit within its 30 guesses and for the victim's account-wide bucket to stay open.
     */
    private static final Map<String, String> LOGIN_LIMITS = Map.of(
            "polyclinic.identity.login-rate-limit.per-account-and-ip", "20",
            "polyclinic.identity.login-rate-limit.per-account", "60",
            "polyclinic.identity.login-rate-limit.per-ip", "600");

    @BeforeAll
    static void startStack() {
        LOGIN_LIMITS.forEach(System::setProperty);
        stack = DevStack.start(DevStackConfig.ephemeral(var));
        gateway = new GatewayClient(stack.gatewayUrl(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        LOGIN_LIMITS.keySet().forEach(System::clearProperty);
    }

    /** The web UI in a real browser (decision 0052), on this stack. */
    @Nested
    class WebUi extends WebUiBrowserFlows {}

    /** The web UI over plain HTTP: per-client login protection, cookies, routes. */
    @Nested
    class WebUiEdge extends WebUiEdgeFlows {}

    /** The staff pages (clinic managers and admins) in a real browser, on this stack. */
    @Nested
    class AdminPages extends AdminPagesInTheBrowser {}

    /** The import wizard in a real browser, on this stack. */
    @Nested
    class ImportWizard extends ImportWizardInTheBrowser {}
    /** The web-analytics pages in a real browser, on this stack. */
    @Nested
    class AnalyticsPages extends AnalyticsPagesInTheBrowser {}

    /** Registers a patient through the gateway (201) and returns an access token. */
    static String registeredPatientToken(String email) {
        var registered = gateway.post("/api/v1/auth/register", null, """
                {"email":"%s","password":"%s","fullName":"Web Patient"}""".formatted(email, WebUiBrowserFlows.PASSWORD));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return login(email, WebUiBrowserFlows.PASSWORD);
    }

    /** Logs in through the gateway and returns the access token. */
    static String login(String email, String password) {
        var login = gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(email, password));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return GatewayClient.json(login).get("accessToken").asString();
    }

    @Test
    void theTestSitesVisitReachesKafkaThroughTheGatewayAndTheCollector() {
        TestSiteVisit.check(stack);
    }

    @Test
    void aPatientRegistersFindsADoctorBooksASlotAndCancelsIt() {
        var email = "e2e-" + UUID.randomUUID() + "@example.com";
        var password = "Correct-Horse-Battery-42";

        var registered = gateway.post("/api/v1/auth/register", null, """
                {"email":"%s","password":"%s","fullName":"End To End"}""".formatted(email, password));
        assertThat(registered.statusCode()).isEqualTo(201);

        var login = gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(email, password));
        assertThat(login.statusCode()).isEqualTo(200);
        var token = GatewayClient.json(login).get("accessToken").asString();

        var search = gateway.get("/api/v1/doctors?size=20", null);
        assertThat(search.statusCode()).isEqualTo(200);
        var doctorId = firstDoctorWithAFreeSlot(GatewayClient.json(search));

        var card = gateway.get("/api/v1/doctors/" + doctorId, null);
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(card).get("id").asString()).isEqualTo(doctorId);

        var slotId = aSlotWellAhead(doctorId);
        var booked = gateway.post("/api/v1/appointments", token, """
                {"slotId":"%s"}""".formatted(slotId));
        assertThat(booked.statusCode()).isEqualTo(201);
        var appointment = GatewayClient.json(booked);
        assertThat(appointment.get("slotId").asString()).isEqualTo(slotId);
        var appointmentId = appointment.get("id").asString();

        var mine = gateway.get("/api/v1/appointments/me", token);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(mine).get("items").findValuesAsString("id"))
                .contains(appointmentId);
        assertThat(freeSlotIds(doctorId)).doesNotContain(slotId);

        var cancelled = gateway.post("/api/v1/appointments/" + appointmentId + "/cancel", token, null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(freeSlotIds(doctorId)).contains(slotId);
    }

    @Test
    void afterLogoutTheAccessTokenIsRefusedAtBookingThroughTheGatewayWithinSeconds() throws Exception {
        var email = "logout-" + UUID.randomUUID() + "@example.com";
        var credentials = "{\"email\":\"" + email + "\",\"password\":\"Correct-Horse-Battery-42\"}";
        var registration =
                "{\"email\":\"" + email + "\",\"password\":\"Correct-Horse-Battery-42\",\"fullName\":\"Logout\"}";
        assertThat(gateway.post("/api/v1/auth/register", null, registration).statusCode())
                .isEqualTo(201);
        var token = GatewayClient.json(gateway.post("/api/v1/auth/login", null, credentials))
                .get("accessToken")
                .asString();
        assertThat(gateway.get("/api/v1/appointments/me", token).statusCode()).isEqualTo(200);

        assertThat(gateway.post("/api/v1/auth/logout", token, null).statusCode())
                .isEqualTo(204);

        // The token has 15 minutes left, but booking has read the revocation from identity.events.
        var refused = await(
                "booking to refuse the logged-out token",
                () -> gateway.get("/api/v1/appointments/me", token).statusCode() == 401 ? true : null);
        assertThat(refused).isTrue();
    }

    @Test
    void aRestartKeepsUsersBookingsAndTheCatalogueWithoutLoadingTheDemoDataAgain() {
        var email = "restart-" + UUID.randomUUID() + "@example.com";
        var credentials = "{\"email\":\"" + email + "\",\"password\":\"Correct-Horse-Battery-42\"}";
        var registration =
                "{\"email\":\"" + email + "\",\"password\":\"Correct-Horse-Battery-42\",\"fullName\":\"Restart\"}";
        assertThat(gateway.post("/api/v1/auth/register", null, registration).statusCode())
                .isEqualTo(201);
        var token = GatewayClient.json(gateway.post("/api/v1/auth/login", null, credentials))
                .get("accessToken")
                .asString();
        var doctorId = firstDoctorWithAFreeSlot(GatewayClient.json(gateway.get("/api/v1/doctors?size=20", null)));
        var booked = gateway.post("/api/v1/appointments", token, "{\"slotId\":\"" + aSlotWellAhead(doctorId) + "\"}");
        assertThat(booked.statusCode()).isEqualTo(201);
        var appointmentId = GatewayClient.json(booked).get("id").asString();
        long doctors = GatewayClient.json(gateway.get("/api/v1/doctors?size=1", null))
                .get("totalItems")
                .asLong();

        stack.close();
        stack = DevStack.start(DevStackConfig.ephemeral(var));
        gateway = new GatewayClient(stack.gatewayUrl(), Duration.ofSeconds(30));

        var again = gateway.post("/api/v1/auth/login", null, credentials);
        assertThat(again.statusCode()).isEqualTo(200);
        var mine = gateway.get(
                "/api/v1/appointments/me",
                GatewayClient.json(again).get("accessToken").asString());
        assertThat(GatewayClient.json(mine).get("items").findValuesAsString("id"))
                .contains(appointmentId);
        assertThat(GatewayClient.json(gateway.get("/api/v1/doctors?size=1", null))
                        .get("totalItems")
                        .asLong())
                .isEqualTo(doctors);
    }

    @Test
    void myAppointmentsWithoutATokenIsA401ProblemAtTheGatewayWithTheRequestId() {
        var response = gateway.send(gateway.request("/api/v1/appointments/me", null)
                .header("X-Request-Id", "e2e-no-token")
                .GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("e2e-no-token");
        var problem = GatewayClient.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:polyclinic:problem:unauthorized");
        assertThat(problem.get("requestId").asString()).isEqualTo("e2e-no-token");
    }

    @Test
    void theDemoPatientAndTheAdminCanLogIn() {
        var patient = gateway.post(
                "/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(DevStack.DEMO_PATIENT_EMAIL, DevStack.DEMO_PATIENT_PASSWORD));
        var admin = gateway.post(
                "/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(DevStackConfig.DEFAULT_ADMIN_EMAIL, stack.adminPassword()));

        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void theDemoPatientsRegistrationIsAnEventOnTheStacksKafka() {
        var registrations = new ArrayList<String>();
        try (var consumer = KafkaTestConsumers.fromTheStart(stack.kafkaBootstrapServers())) {
            consumer.subscribe(List.of("identity.events"));
            var deadline = Instant.now().plusSeconds(60);
            while (registrations.isEmpty() && Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(250))) {
                    var event = JSON.readTree(record.value());
                    if (event.get("type").asString().equals("UserRegistered")
                            && event.get("data").get("email").asString().equals(DevStack.DEMO_PATIENT_EMAIL)) {
                        registrations.add(record.key());
                    }
                }
            }
        }

        assertThat(registrations).hasSize(1);
    }

    @Test
    void theSwaggerUiListsEveryServiceAndServesTheirDocumentsThroughTheGateway() {
        var config = GatewayClient.json(gateway.get("/v3/api-docs/swagger-config", null));
        assertThat(config.get("urls").findValuesAsString("name"))
                .contains("identity", "booking", "audit", "orders", "ingest");

        for (var service : new String[] {"identity", "booking", "audit", "orders", "ingest"}) {
            var document = gateway.get("/v3/api-docs/" + service, null);
            assertThat(document.statusCode()).isEqualTo(200);
            var docs = GatewayClient.json(document);
            assertThat(docs.get("paths").size()).isPositive();
            assertThat(docs.get("servers").get(0).get("url").asString()).isEqualTo(stack.gatewayUrl());
        }
    }

    @Test
    void theAdminFindsTheDemoReferenceOrderThroughTheGatewayAndAPatientCannot() throws Exception {
        var admin = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(
                                DevStackConfig.DEFAULT_ADMIN_EMAIL, stack.adminPassword())))
                .get("accessToken")
                .asString();
        var patient = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(
                                DevStack.DEMO_PATIENT_EMAIL, DevStack.DEMO_PATIENT_PASSWORD)))
                .get("accessToken")
                .asString();

        // The stack publishes its demo orders after it is ready; the service stores them within seconds.
        var order = await("the reference order", () -> {
            var response = gateway.get("/api/v1/orders/b563feb7b2b84b6test", admin);
            return response.statusCode() == 200 ? GatewayClient.json(response) : null;
        });

        assertThat(order.get("payment").get("amount").asInt()).isEqualTo(1817);
        assertThat(order.get("items").get(0).get("total_price").asInt()).isEqualTo(317);
        assertThat(gateway.get("/api/v1/orders/b563feb7b2b84b6test", patient).statusCode())
                .isEqualTo(403);
        assertThat(await("the generated demo orders", () -> {
                    var page = GatewayClient.json(gateway.get("/api/v1/orders?size=1", admin));
                    return page.get("totalItems").asInt() > OrdersDevData.GENERATED ? page : null;
                }))
                .isNotNull();
    }

    @Test
    void theAdminImportsASpreadsheetThroughTheGatewayIntoTheWarehouse() throws Exception {
        var admin = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(
                                DevStackConfig.DEFAULT_ADMIN_EMAIL, stack.adminPassword())))
                .get("accessToken")
                .asString();
        IngestEndToEnd.importVisitsThroughTheGateway(stack, gateway, admin);
    }

    @Test
    void theAdminImportsDoctorsThenSlotsThroughTheGatewayAndAReimportLeavesABookedSlotBooked() throws Exception {
        var admin = login(DevStackConfig.DEFAULT_ADMIN_EMAIL, stack.adminPassword());
        var patient = registeredPatientToken("import-e2e-" + UUID.randomUUID() + "@example.com");
        SpreadsheetImportEndToEnd.importDoctorsThenSlotsThroughTheGateway(gateway, admin, patient);
    }

    @Test
    void theAdminReadsAndVerifiesTheAuditLogThroughTheGatewayAndAPatientCannot() throws Exception {
        var admin = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(
                                DevStackConfig.DEFAULT_ADMIN_EMAIL, stack.adminPassword())))
                .get("accessToken")
                .asString();
        var patient = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(
                                DevStack.DEMO_PATIENT_EMAIL, DevStack.DEMO_PATIENT_PASSWORD)))
                .get("accessToken")
                .asString();

        var records = gateway.get("/api/v1/audit/records?size=5", admin);
        assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
        assertThat(GatewayClient.json(records).has("items")).isTrue();
        var verification = gateway.verifyAuditChain(admin);
        assertThat(verification.get("status").asString())
                .as(verification.toString())
                .isEqualTo("VALID");
        assertThat(verification.get("checkedRecords").asLong())
                .isEqualTo(verification.get("totalRecords").asLong());
        // The chain key the stack generated stays in var/, readable by its owner only; the anchor sits beside it.
        assertThat(java.nio.file.Files.getPosixFilePermissions(var.resolve("audit-chain-key")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(var.resolve("audit-anchor.json")).isRegularFile();
        assertThat(gateway.get("/api/v1/audit/records", patient).statusCode()).isEqualTo(403);
    }

    @Test
    void anEmailJobOnTheQueueIsSentAndShownOnTheDevMailPage() throws Exception {
        var to = "ops-" + UUID.randomUUID() + "@example.com";
        var factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(stack.amqpPort());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("default");
        try (var connection = factory.newConnection();
                var channel = connection.createChannel()) {
            channel.basicPublish("", "notifications.email", null, """
                    {"id":"%s","to":"%s","subject":"Traffic alert","text":"Traffic dropped."}""".formatted(UUID.randomUUID(), to)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        var deadline = Instant.now().plusSeconds(30);
        String page = "";
        while (!page.contains(to) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            page = gateway.send(HttpRequest.newBuilder(URI.create(stack.notifierUrl() + "/dev/mail"))
                            .timeout(Duration.ofSeconds(10)))
                    .body();
        }
        assertThat(page).contains(to, "Traffic alert");
    }

    @Test
    void aBookingsTraceIdIsOnItsKafkaEventItsAuditRecordAndItsConfirmationEmail() throws Exception {
        var traceId = HexFormat.of().formatHex(randomBytes(16));
        var patient = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(
                                DevStack.DEMO_PATIENT_EMAIL, DevStack.DEMO_PATIENT_PASSWORD)))
                .get("accessToken")
                .asString();
        var doctorId = firstDoctorWithAFreeSlot(GatewayClient.json(gateway.get("/api/v1/doctors?size=20", null)));
        var slotId = aSlotWellAhead(doctorId);

        var booked = gateway.send(gateway.request("/api/v1/appointments", patient)
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slotId\":\"" + slotId + "\"}")));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        var appointmentId = GatewayClient.json(booked).get("id").asString();

        // (a) the AppointmentBooked event on Kafka carries the request's trace
        var event = bookedEvent(appointmentId);
        assertThat(traceIdOf(header(event, "traceparent"))).isEqualTo(traceId);
        var eventId = UUID.fromString(header(event, "id"));

        // (b) the audit record of the booking, read by an admin through the gateway
        var admin = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(
                                DevStackConfig.DEFAULT_ADMIN_EMAIL, stack.adminPassword())))
                .get("accessToken")
                .asString();
        var audit = await("the APPOINTMENT_BOOKED audit record", () -> {
            var records = gateway.get("/api/v1/audit/records?entityId=" + appointmentId, admin);
            assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
            for (var record : GatewayClient.json(records).get("items")) {
                if (record.get("action").asString().equals("APPOINTMENT_BOOKED")) {
                    return record;
                }
            }
            return null;
        });
        assertThat(audit.get("traceId").asString()).isEqualTo(traceId);

        // (c) the notifier's confirmation email was decided under the same trace
        var emailId = OutgoingEmail.idFor("event:" + eventId);
        var emailTraceId = await("the confirmation email row", () -> {
            try (var db = DriverManager.getConnection(stack.jdbcUrl("notifier"), "postgres", "");
                    var query = db.prepareStatement("select trace_id from email where id = ?")) {
                query.setObject(1, emailId);
                try (var rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
        assertThat(emailTraceId).isEqualTo(traceId);

        // (d) and the email really arrived, with its invitation
        var mail = await("the confirmation email in the dev SMTP inbox", () -> {
            var page = JSON.readTree(
                    gateway.send(HttpRequest.newBuilder(URI.create(stack.notifierUrl() + "/dev/mail?limit=200"))
                                    .timeout(Duration.ofSeconds(10)))
                            .body());
            for (var received : page) {
                if (received.get("messageId").asString().startsWith("<" + emailId + "@")) {
                    return received;
                }
            }
            return null;
        });
        var recipients = new ArrayList<String>();
        mail.get("to").forEach(to -> recipients.add(to.asString()));
        assertThat(recipients).anyMatch(to -> to.contains(DevStack.DEMO_PATIENT_EMAIL));
        var attachments = new ArrayList<String>();
        mail.get("attachments").forEach(name -> attachments.add(name.asString()));
        assertThat(attachments).anyMatch(name -> name.endsWith(".ics"));
    }

    @Test
    void noLogLineNamesThePatientThroughRegistrationLoginBookingAndTheConfirmationEmail() throws Exception {
        var email = "privacy-" + UUID.randomUUID() + "@example.com";
        var fullName = "Zinaida Privacy-" + HexFormat.of().formatHex(randomBytes(4));
        var password = "Correct-Horse-Battery-42";
        var logs = LogCapture.capture();
        try {
            var registered = gateway.post("/api/v1/auth/register", null, """
                    {"email":"%s","password":"%s","fullName":"%s"}""".formatted(email, password, fullName));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            var wrongPassword = gateway.post("/api/v1/auth/login", null, """
                    {"email":"%s","password":"not the password"}""".formatted(email));
            assertThat(wrongPassword.statusCode()).isEqualTo(401);
            var token = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                            {"email":"%s","password":"%s"}""".formatted(email, password)))
                    .get("accessToken")
                    .asString();
            var doctorId = firstDoctorWithAFreeSlot(GatewayClient.json(gateway.get("/api/v1/doctors?size=20", null)));
            var booked =
                    gateway.post("/api/v1/appointments", token, "{\"slotId\":\"" + aSlotWellAhead(doctorId) + "\"}");
            assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
            await("the confirmation email to the patient in the dev SMTP inbox", () -> stack.receivedMail().stream()
                    .filter(mail -> recipients(mail).contains(email))
                    .findFirst()
                    .orElse(null));
        } finally {
            logs.stop();
        }

        assertThat(logs.lines()).as("log lines of the flow").isNotEmpty();
        assertThat(logs.lines())
                .as("log lines naming the patient")
                .noneMatch(line -> line.toLowerCase(java.util.Locale.ROOT).contains(email))
                .noneMatch(line -> line.contains(fullName));
    }

    @Test
    void everyMetricTheDashboardsAndAlertRulesQueryIsExposedByAServiceOnceTrafficHasRun() throws Exception {
        var root = DashboardMetrics.repositoryRoot();
        var queried = DashboardMetrics.queried(root);
        assertThat(queried).containsKeys("http_server_requests_seconds_bucket", "polyclinic_appointments_booked_total");
        var admin = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(
                                DevStackConfig.DEFAULT_ADMIN_EMAIL, stack.adminPassword())))
                .get("accessToken")
                .asString();
        // The traffic behind the business metrics: a new patient books and cancels (events, emails, audit records),
        // a 404, an admin verifies the audit chain, and a broken analytics event is rejected (its counter is made per
        // reason on first use).
        var email = "metrics-" + UUID.randomUUID() + "@example.com";
        gateway.post("/api/v1/auth/register", null, """
                {"email":"%s","password":"Correct-Horse-Battery-42","fullName":"Metrics"}""".formatted(email));
        var patient = GatewayClient.json(gateway.post("/api/v1/auth/login", null, """
                        {"email":"%s","password":"Correct-Horse-Battery-42"}""".formatted(email)))
                .get("accessToken")
                .asString();
        var doctorId = firstDoctorWithAFreeSlot(GatewayClient.json(gateway.get("/api/v1/doctors?size=20", null)));
        var booked = gateway.post("/api/v1/appointments", patient, "{\"slotId\":\"" + aSlotWellAhead(doctorId) + "\"}");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        var appointmentId = GatewayClient.json(booked).get("id").asString();
        assertThat(gateway.post("/api/v1/appointments/" + appointmentId + "/cancel", patient, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(gateway.get("/api/v1/doctors/" + UUID.randomUUID(), null).statusCode())
                .isEqualTo(404);
        assertThat(gateway.verifyAuditChain(admin).get("status").asString()).isEqualTo("VALID");
        assertThat(gateway.post("/track", null, "{").statusCode()).isEqualTo(400);

        // Emails and consumer metrics appear asynchronously: scrape every service until nothing is missing, 60 s at
        // most.
        var missing = queried;
        var deadline = Instant.now().plusSeconds(60);
        while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
            var exposed = new java.util.HashSet<String>();
            for (var service : stack.serviceUrls().values()) {
                var scrape = gateway.send(HttpRequest.newBuilder(URI.create(service + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + admin)
                        .timeout(Duration.ofSeconds(10)));
                assertThat(scrape.statusCode()).as(service).isEqualTo(200);
                exposed.addAll(DashboardMetrics.exposed(scrape.body()));
            }
            missing = DashboardMetrics.notExposed(queried, exposed);
            Thread.sleep(500);
        }
        assertThat(missing)
                .as("metrics queried by a dashboard or an alert rule that no service exposes")
                .isEmpty();
        assertThat(DashboardMetrics.ONLY_ON_FAILURE.values())
                .as("failure-only meters the code registers")
                .allMatch(meter -> DashboardMetrics.registeredInCode(root, meter));
    }

    private static List<String> recipients(jakarta.mail.internet.MimeMessage mail) {
        try {
            var to = mail.getAllRecipients();
            return to == null
                    ? List.of()
                    : java.util.Arrays.stream(to).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code booking.events} from the start until the AppointmentBooked event of the appointment arrives. */
    private static ConsumerRecord<String, String> bookedEvent(String appointmentId) {
        try (var consumer = KafkaTestConsumers.fromTheStart(stack.kafkaBootstrapServers())) {
            consumer.subscribe(List.of("booking.events"));
            var deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(250))) {
                    var event = JSON.readTree(record.value());
                    if (event.get("type").asString().equals("AppointmentBooked")
                            && event.get("data").get("appointmentId").asString().equals(appointmentId)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No AppointmentBooked event for " + appointmentId + " on booking.events");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The trace id of a W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}). */
    private static String traceIdOf(String traceparent) {
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        return traceparent.split("-")[1];
    }

    /** Asks {@code probe} every 200 ms until it returns something, for at most 30 s. */
    private static <T> T await(String what, Callable<T> probe) throws Exception {
        var deadline = Instant.now().plusSeconds(30);
        while (true) {
            var found = probe.call();
            if (found != null) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited 30 s for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static byte[] randomBytes(int count) {
        var bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Test
    void ingestsSinksImportDoctorsAndSlotsIntoBookingWithTheIngestServiceToken() throws Exception {
        BookingImportEndToEnd.importDoctorsThenSlotsAndFindThemThroughTheGateway(stack, gateway);
    }

    private static String firstDoctorWithAFreeSlot(JsonNode page) {
        for (var doctor : page.get("items")) {
            if (doctor.hasNonNull("nearestFreeSlot")) {
                return doctor.get("id").asString();
            }
        }
        throw new AssertionError("No demo doctor has a free slot: " + page);
    }

    /** A free slot at least a day ahead, so that the booking notice and the cancellation cut-off both allow it. */
    private static String aSlotWellAhead(String doctorId) {
        var slots = freeSlots(doctorId);
        var dayAhead = Instant.now().plus(Duration.ofDays(1));
        for (var slot : slots) {
            if (Instant.parse(slot.get("start").asString()).isAfter(dayAhead)) {
                return slot.get("id").asString();
            }
        }
        throw new AssertionError("No free slot a day ahead for doctor " + doctorId + ": " + slots);
    }

    private static java.util.List<String> freeSlotIds(String doctorId) {
        var ids = new ArrayList<String>();
        freeSlots(doctorId).forEach(slot -> ids.add(slot.get("id").asString()));
        return ids;
    }

    /** The doctor's free slots of the default range (a week), read page by page. */
    private static java.util.List<JsonNode> freeSlots(String doctorId) {
        var slots = new ArrayList<JsonNode>();
        var totalPages = 1;
        for (int page = 0; page < totalPages; page++) {
            var response = gateway.get("/api/v1/doctors/" + doctorId + "/slots?page=" + page, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            var body = GatewayClient.json(response);
            body.get("items").forEach(slots::add);
            totalPages = body.get("totalPages").asInt();
        }
        return slots;
    }
}
