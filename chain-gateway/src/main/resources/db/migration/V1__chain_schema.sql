-- chain-gateway owns schema "chain"; no other service reads these tables (DESIGN.md §3).
-- jOOQ generates its classes from this file at build time, so keep to portable DDL and wrap
-- PostgreSQL-only statements in [jooq ignore] markers.

create schema if not exists chain;

-- One row per reward game-service asked us to pay (idempotent on reward_id). status:
--   queued    accepted, no nonce yet
--   signed    nonce assigned and a signed transaction stored (it may or may not have reached a node)
--   mined     a receipt exists for one of its attempts; waiting for finality
--   paid      the transfer is final (settled event written)
--   failed    final failure (bad request, or the transfer reverted and that is final)
create table chain.payout (
    reward_id       uuid         primary key,
    player_id       uuid,
    wallet          varchar(42)  not null,
    amount          numeric(78)  not null,
    status          varchar(16)  not null,
    nonce           bigint,
    tx_hash         varchar(66),
    mined_block     bigint,
    mined_block_hash varchar(66),
    reason          varchar(512),
    attempts        integer      not null,
    requested_at    timestamptz  not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    settled_at      timestamptz,
    constraint payout_status_ck check (status in ('queued', 'signed', 'mined', 'paid', 'failed'))
);

-- [jooq ignore start]
create unique index payout_nonce_uq on chain.payout (nonce) where nonce is not null;
create index payout_open_idx on chain.payout (status, created_at) where status in ('queued', 'signed', 'mined');
-- [jooq ignore stop]

-- Every signed transaction of a payout (the first one and each fee-bumped replacement). Any of them
-- can be the one that gets mined, so all are kept and checked for receipts.
create table chain.payout_attempt (
    tx_hash         varchar(66)  primary key,
    reward_id       uuid         not null references chain.payout (reward_id),
    attempt         integer      not null,
    nonce           bigint       not null,
    raw_tx          text         not null,
    max_fee         numeric(78)  not null,
    priority_fee    numeric(78)  not null,
    created_at      timestamptz  not null,
    broadcast_at    timestamptz,
    constraint payout_attempt_uq unique (reward_id, attempt)
);

-- The next nonce of each signing address. Only the holder of the payout advisory lock changes it.
create table chain.nonce (
    address         varchar(42)  primary key,
    next_nonce      bigint       not null,
    updated_at      timestamptz  not null
);

-- Indexer: recent canonical block headers (for parent-hash reorg detection) ...
create table chain.block (
    number          bigint       primary key,
    hash            varchar(66)  not null,
    parent_hash     varchar(66)  not null
);

-- ... its cursor (the last block whose logs are stored) ...
create table chain.cursor (
    name            varchar(64)  primary key,
    block_number    bigint       not null,
    block_hash      varchar(66)  not null,
    updated_at      timestamptz  not null
);

-- ... and the token's Transfer logs. A log is identified by the block it is in: after a reorg the
-- same transaction can appear again at another block, which is a new row, while the old one is
-- 'removed'. status: pending, confirmed, finalized, removed.
create table chain.transfer (
    block_hash      varchar(66)  not null,
    log_index       integer      not null,
    block_number    bigint       not null,
    tx_hash         varchar(66)  not null,
    from_address    varchar(42)  not null,
    to_address      varchar(42)  not null,
    amount          numeric(78)  not null,
    status          varchar(16)  not null,
    updated_at      timestamptz  not null,
    primary key (block_hash, log_index),
    constraint transfer_status_ck check (status in ('pending', 'confirmed', 'finalized', 'removed'))
);

-- [jooq ignore start]
create index transfer_open_idx on chain.transfer (block_number) where status in ('pending', 'confirmed');
-- [jooq ignore stop]

-- Transactional outbox and idempotent-consumer bookkeeping (ore-events).
create table chain.outbox (
    id              uuid         primary key,
    topic           varchar(249) not null,
    event_key       varchar(255) not null,
    event_type      varchar(128) not null,
    envelope        jsonb        not null,
    created_at      timestamptz  not null,
    published_at    timestamptz
);

-- [jooq ignore start]
create index outbox_unpublished_idx on chain.outbox (created_at) where published_at is null;
-- [jooq ignore stop]

create table chain.processed_event (
    consumer        varchar(128) not null,
    event_id        uuid         not null,
    processed_at    timestamptz  not null,
    primary key (consumer, event_id)
);
