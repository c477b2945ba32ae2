-- auth-service owns schema "auth"; no other service reads these tables (DESIGN.md §3).
-- jOOQ generates its classes from this file at build time (DDLDatabase), so keep to portable DDL
-- and wrap PostgreSQL-only statements in [jooq ignore] markers.

create schema if not exists auth;

create table auth.player (
    id              uuid        primary key,
    kind            varchar(16) not null,                  -- 'guest' | 'registered'
    email           varchar(254) unique,                    -- lower-cased; null for guests
    password_hash   varchar(255),                                  -- PHC string (argon2id); null for guests
    device_id_hash  char(64)    unique,                    -- SHA-256 (hex) of a guest's device id
    is_admin        boolean     not null default false,
    wallet_address  varchar(42) unique,                    -- EIP-55 checksummed; one wallet per player
    wallet_chain_id bigint,
    wallet_linked_at timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    deletion_requested_at timestamptz,                     -- set by DELETE /api/auth/me: locked out
    constraint player_kind_ck check (kind in ('guest', 'registered')),
    constraint player_registered_ck check (kind = 'guest' or (email is not null and password_hash is not null))
);

-- A refresh-token family is one login session; every rotation adds a token to it (RFC 9700 §4.14.2).
create table auth.refresh_family (
    id              uuid        primary key,
    player_id       uuid        not null references auth.player (id) on delete cascade,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,                  -- absolute session lifetime
    last_used_at    timestamptz not null,
    revoked_at      timestamptz,
    revoke_reason   varchar(64)
);

create index refresh_family_player_idx on auth.refresh_family (player_id);

create table auth.refresh_token (
    token_hash      char(64)    primary key,               -- SHA-256 (hex) of the opaque token; the token itself is never stored
    family_id       uuid        not null references auth.refresh_family (id) on delete cascade,
    issued_at       timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz                            -- set when rotated; a second use is reuse
);

create index refresh_token_family_idx on auth.refresh_token (family_id);

-- Transactional outbox and idempotent-consumer bookkeeping (ore-events).
create table auth.outbox (
    id              uuid        primary key,
    topic           varchar(249) not null,
    event_key       varchar(255) not null,
    event_type      varchar(128) not null,
    envelope        jsonb       not null,
    created_at      timestamptz not null,
    published_at    timestamptz
);

-- [jooq ignore start]
create index outbox_unpublished_idx on auth.outbox (created_at) where published_at is null;
create index player_deletion_idx on auth.player (deletion_requested_at) where deletion_requested_at is not null;
-- [jooq ignore stop]

create table auth.processed_event (
    consumer        varchar(128) not null,
    event_id        uuid        not null,
    processed_at    timestamptz not null,
    primary key (consumer, event_id)
);
