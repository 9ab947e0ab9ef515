-- The clinics each user runs as a CLINIC_MANAGER (decision 0027): identity owns this assignment next to the roles and
-- puts it into the access token's "clinics" claim, the one answer every service uses. Clinic ids belong to booking,
-- so there is no foreign key: an id booking does not know grants nothing. Rows of users without the CLINIC_MANAGER
-- role are kept (they take effect when the role is granted) but never reach a token.
create table user_clinics (
    user_id   uuid not null references users (id) on delete cascade,
    clinic_id uuid not null,
    primary key (user_id, clinic_id)
);
