package io.polyclinic.contracts.events;

import java.util.List;

/** The event types ({@link EventEnvelope#type()}) and the topics they are published on. */
public final class EventTypes {

    /** Booking's topic; record key: the doctor id. */
    public static final String BOOKING_TOPIC = "booking.events";
    /** Identity's topic; record key: the user id. */
    public static final String IDENTITY_TOPIC = "identity.events";

    /** {@link AppointmentEventData}: a patient booked a slot. */
    public static final String APPOINTMENT_BOOKED = "AppointmentBooked";
    /** {@link AppointmentEventData}: the patient or staff cancelled. */
    public static final String APPOINTMENT_CANCELLED = "AppointmentCancelled";
    /** {@link AppointmentEventData} with the previous slot: the appointment moved. */
    public static final String APPOINTMENT_RESCHEDULED = "AppointmentRescheduled";
    /** {@link AppointmentEventData}: the slot ended and the appointment was completed. */
    public static final String APPOINTMENT_COMPLETED = "AppointmentCompleted";
    /** {@link DoctorEventData}: a doctor was registered. */
    public static final String DOCTOR_REGISTERED = "DoctorRegistered";
    /** {@link DoctorEventData}: a doctor was edited or changed status. */
    public static final String DOCTOR_UPDATED = "DoctorUpdated";
    /** {@link ReviewPostedData}: a patient reviewed a doctor. */
    public static final String REVIEW_POSTED = "ReviewPosted";
    /** {@link UserRegisteredData}: a user account was created. */
    public static final String USER_REGISTERED = "UserRegistered";
    /** {@link UserRolesChangedData}: an administrator changed a user's roles. */
    public static final String USER_ROLES_CHANGED = "UserRolesChanged";
    /** {@link SessionRevokedData}: a session ended before its tokens expired; its access tokens are void. */
    public static final String SESSION_REVOKED = "SessionRevoked";
    /** {@link UserTokensRevokedData}: the user's access tokens issued before a moment are void. */
    public static final String USER_TOKENS_REVOKED = "UserTokensRevoked";

    /** Every event type above; each has its JSON Schema {@code events/<type>.schema.json}. */
    public static final List<String> ALL = List.of(
            APPOINTMENT_BOOKED,
            APPOINTMENT_CANCELLED,
            APPOINTMENT_RESCHEDULED,
            APPOINTMENT_COMPLETED,
            DOCTOR_REGISTERED,
            DOCTOR_UPDATED,
            REVIEW_POSTED,
            USER_REGISTERED,
            USER_ROLES_CHANGED,
            SESSION_REVOKED,
            USER_TOKENS_REVOKED);

    private EventTypes() {}
}
