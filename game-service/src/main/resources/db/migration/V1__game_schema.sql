-- game-service owns schema "game"; no other service reads these tables (DESIGN.md §3).
-- jOOQ generates its classes from this file at build time (DDLDatabase on H2), so keep to portable
-- DDL, use varchar/char for indexed text, and wrap PostgreSQL-only statements in [jooq ignore] markers.

create schema if not exists game;

-- One row per player who ever mined or claimed. Locking it serializes everything one player does
-- (a double tap, a retry racing the original, a claim racing a mine), which is what makes the
-- cooldown exact. deleted_at is the GDPR tombstone: the id stays so that a token issued before the
-- deletion cannot bring the player back for its remaining minutes.
create table game.player (
    id              uuid        primary key,
    last_mined_at   timestamptz,
    deleted_at      timestamptz,
    created_at      timestamptz not null
);

-- Remaining capacity of the nodes that were mined at least once; a node never mined has its spawned
-- capacity. hour is the node's epoch hour, for the clean-up of old rows.
create table game.node_capacity (
    node_id         varchar(32) primary key,              -- '<h3 cell>:<epoch hour>'
    hour            bigint      not null,
    capacity        integer     not null,
    remaining       integer     not null,
    updated_at      timestamptz not null,
    constraint node_capacity_remaining_ck check (remaining >= 0 and remaining <= capacity)
);

create index node_capacity_hour_idx on game.node_capacity (hour);

-- Idempotency of POST /api/game/mine: the answer given to (player, Idempotency-Key), replayed for
-- a retry with the same key and the same node.
create table game.mine_request (
    player_id       uuid        not null,
    idem_key        varchar(64) not null,
    node_id         varchar(32) not null,                 -- the request fingerprint
    outcome         varchar(16) not null,                 -- 'mined' | 'depleted'
    tx_id           uuid,
    ore             varchar(16),
    node_remaining  integer,
    balance_after   bigint,
    created_at      timestamptz not null,
    primary key (player_id, idem_key),
    constraint mine_request_outcome_ck check (outcome in ('mined', 'depleted'))
);

create index mine_request_created_idx on game.mine_request (created_at);

-- Double-entry ledger of ore. Accounts:
--   player:<id>:<ore>      a player's inventory                  never negative
--   world:<ore>            where mined ore comes from (the mint)  negative by design, balance not materialized
--   rewards:escrow:<ore>   ore of claims awaiting payout          never negative
--   rewards:paid:<ore>     ore converted into paid tokens (sink)  never negative
--   purged:<ore>           ore of deleted players (GDPR)          never negative
-- The world accounts' balance is not kept in a row: every mine would update the same row of its ore
-- and serialize all mining on it. It is computed from the entries when needed (-(ore in circulation)).
create table game.account (
    id              bigint      generated always as identity primary key,
    code            varchar(100) not null unique,
    kind            varchar(16) not null,
    player_id       uuid,                                 -- player accounts only; null once anonymised
    ore             varchar(16) not null,
    balance         bigint,
    created_at      timestamptz not null,
    constraint account_kind_ck check (kind in ('player', 'world', 'escrow', 'paid', 'purged')),
    constraint account_balance_ck check ((kind = 'world' and balance is null)
                                         or (kind <> 'world' and balance is not null and balance >= 0))
);

create index account_player_idx on game.account (player_id);

-- [jooq ignore start]
-- The shared accounts exist from the start; player accounts are created on their first posting.
insert into game.account (code, kind, ore, balance, created_at)
select k.prefix || o.ore, k.kind, o.ore, case when k.kind = 'world' then null else 0 end, now()
  from (values ('copper'), ('iron'), ('silver'), ('gold'), ('mythril')) as o (ore)
 cross join (values ('world:', 'world'), ('rewards:escrow:', 'escrow'), ('rewards:paid:', 'paid'),
                    ('purged:', 'purged')) as k (prefix, kind);
-- [jooq ignore stop]

create table game.ledger_tx (
    id              uuid        primary key,              -- UUIDv7: time-ordered, the ledger's page cursor
    reason          varchar(16) not null,
    reference       varchar(100) not null,                -- node id, reward id, user id: what caused it
    created_at      timestamptz not null,
    constraint ledger_tx_reason_ck check (reason in ('mined', 'claim', 'paid', 'refund', 'purge'))
);

create table game.ledger_entry (
    tx_id           uuid        not null references game.ledger_tx (id),
    account_id      bigint      not null references game.account (id),
    amount          bigint      not null,
    primary key (tx_id, account_id),
    constraint ledger_entry_amount_ck check (amount <> 0)
);

create index ledger_entry_account_idx on game.ledger_entry (account_id, tx_id);

-- [jooq ignore start]
-- The ledger's invariants live in the database, so no code path (or operator with psql) can break them:
-- 1. entries are immutable;
-- 2. every insert of an entry moves its account's materialized balance, in the same statement, so a
--    balance is always the sum of its entries; account_balance_ck then refuses a negative balance;
-- 3. at commit, every transaction that got entries sums to zero, and every transaction has entries.
create function game.ledger_entry_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'ledger entries are immutable' using errcode = '55000';
end
$$;

create trigger ledger_entry_immutable before update or delete on game.ledger_entry
    for each row execute function game.ledger_entry_immutable();

create function game.ledger_entry_apply() returns trigger language plpgsql as $$
begin
    update game.account set balance = balance + new.amount
     where id = new.account_id and balance is not null;
    return null;
end
$$;

create trigger ledger_entry_apply after insert on game.ledger_entry
    for each row execute function game.ledger_entry_apply();

create function game.ledger_entry_balanced() returns trigger language plpgsql as $$
declare
    total numeric;
begin
    select coalesce(sum(amount), 0) into total from game.ledger_entry where tx_id = new.tx_id;
    if total <> 0 then
        raise exception 'ledger transaction % does not balance (sum %)', new.tx_id, total
            using errcode = '23514';
    end if;
    return null;
end
$$;

create constraint trigger ledger_entry_balanced after insert on game.ledger_entry
    deferrable initially deferred
    for each row execute function game.ledger_entry_balanced();

create function game.ledger_tx_has_entries() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from game.ledger_entry where tx_id = new.id) then
        raise exception 'ledger transaction % has no entries', new.id using errcode = '23514';
    end if;
    return null;
end
$$;

create constraint trigger ledger_tx_has_entries after insert on game.ledger_tx
    deferrable initially deferred
    for each row execute function game.ledger_tx_has_entries();
-- [jooq ignore stop]

-- Reward claims: ore converted to ORE tokens, paid by chain-gateway. Amounts are integers in the
-- token's smallest unit (18 decimals: up to 78 digits fit any uint256).
create table game.reward (
    id              uuid        primary key,
    player_id       uuid,                                 -- null once the player is deleted (GDPR)
    client_key      varchar(64),                          -- optional Idempotency-Key of the claim
    wallet          varchar(42),                          -- null once the player is deleted
    ore             varchar(16) not null,
    ore_amount      bigint      not null,
    token_amount    numeric(78, 0) not null,
    status          varchar(16) not null,
    tx_hash         varchar(66),
    failure_reason  varchar(200),
    requested_at    timestamptz not null,
    settled_at      timestamptz,
    constraint reward_client_key_uq unique (player_id, client_key),
    constraint reward_status_ck check (status in ('requested', 'paid', 'failed')),
    constraint reward_amounts_ck check (ore_amount > 0 and token_amount > 0)
);

create index reward_player_idx on game.reward (player_id, id);

-- Transactional outbox and idempotent-consumer bookkeeping (ore-events).
create table game.outbox (
    id              uuid        primary key,
    topic           varchar(249) not null,
    event_key       varchar(255) not null,
    event_type      varchar(128) not null,
    envelope        jsonb       not null,
    created_at      timestamptz not null,
    published_at    timestamptz
);

-- [jooq ignore start]
create index outbox_unpublished_idx on game.outbox (created_at) where published_at is null;
-- [jooq ignore stop]

create table game.processed_event (
    consumer        varchar(128) not null,
    event_id        uuid        not null,
    processed_at    timestamptz not null,
    primary key (consumer, event_id)
);
