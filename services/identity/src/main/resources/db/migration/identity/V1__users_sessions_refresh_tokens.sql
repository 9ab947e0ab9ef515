-- Identity (SPEC S1): users and their roles, login sessions, and the refresh tokens of each session.

create table users (
    id            uuid primary key,
    email         varchar(254) not null,
    full_name     varchar(200) not null,
    password_hash varchar(100) not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    constraint users_email_shape check (email like '_%@_%' and email = btrim(email)),
    constraint users_full_name_not_blank check (length(btrim(full_name)) > 0),
    constraint users_password_hash_bcrypt check (password_hash like '$2_$__$%')
);

-- Emails are unique regardless of case; this index also serves the login lookup by lower(email).
create unique index users_email_lower_uq on users (lower(email));
-- The admin listing pages by creation order.
create index users_created_at_idx on users (created_at, id);

create table user_roles (
    user_id uuid        not null references users (id) on delete cascade,
    role    varchar(32) not null,
    primary key (user_id, role),
    constraint user_roles_role_known check (role in ('PATIENT', 'CLINIC_MANAGER', 'ADMIN'))
);

-- Counting the remaining administrators.
create index user_roles_role_idx on user_roles (role, user_id);

-- One session per login; refresh tokens rotate inside it (the token family).
create table sessions (
    id             uuid primary key,
    user_id        uuid         not null references users (id) on delete cascade,
    created_at     timestamptz  not null,
    last_used_at   timestamptz  not null,
    expires_at     timestamptz  not null,
    revoked_at     timestamptz,
    revoked_reason varchar(32),
    user_agent     varchar(512),
    ip             varchar(64),
    constraint sessions_expiry_after_creation check (expires_at > created_at),
    constraint sessions_revocation_complete check ((revoked_at is null) = (revoked_reason is null)),
    constraint sessions_revoked_reason_known
        check (revoked_reason in ('LOGOUT', 'LOGOUT_ALL', 'REVOKED_BY_USER', 'REFRESH_TOKEN_REUSE'))
);

-- A user's active sessions (listing, logout everywhere).
create index sessions_user_active_idx on sessions (user_id, created_at) where revoked_at is null;

-- Only the SHA-256 of a refresh token is stored (hex), never the token itself.
create table refresh_tokens (
    token_hash char(64)    primary key,
    session_id uuid        not null references sessions (id) on delete cascade,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    rotated_at timestamptz,
    constraint refresh_tokens_hash_hex check (token_hash ~ '^[0-9a-f]{64}$'),
    constraint refresh_tokens_expiry_after_issue check (expires_at > issued_at)
);

create index refresh_tokens_session_idx on refresh_tokens (session_id);
