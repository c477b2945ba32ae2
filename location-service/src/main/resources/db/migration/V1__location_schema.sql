-- location-service owns schema "location"; no other service reads these tables (DESIGN.md §3).
-- jOOQ generates its classes from this file at build time (DDLDatabase, which runs the DDL on H2),
-- so keep to portable DDL (varchar, not text, for indexed columns) and wrap PostgreSQL-only
-- statements in [jooq ignore] markers.

create schema if not exists location;

-- No-play zones (admin endpoints). The geometry is stored as GeoJSON; the covering H3 cells
-- (resolution 9, every cell that overlaps the zone) are what the in-memory index is built from.
create table location.no_play_zone (
    id              uuid         primary key,
    name            varchar(120) not null,
    geojson         jsonb        not null,
    area_m2         double precision not null,
    vertex_count    integer      not null,
    created_at      timestamptz  not null,
    created_by      varchar(64)  not null
);

create table location.no_play_zone_cell (
    cell            bigint       not null,
    zone_id         uuid         not null references location.no_play_zone (id) on delete cascade,
    primary key (cell, zone_id)
);

create index no_play_zone_cell_zone_idx on location.no_play_zone_cell (zone_id);

-- One row; every zone change increments it in the same transaction. Instances poll it (cheap) and
-- reload the zones only when it moved.
create table location.zone_revision (
    id              smallint     primary key,
    revision        bigint       not null
);

insert into location.zone_revision (id, revision) values (1, 0);

-- Position history, one row per judged fix (consumer of ore.location.tracked).
--
-- jOOQ must see a plain table (H2 cannot parse PARTITION BY), PostgreSQL must get a partitioned
-- one. So the plain table below is the single definition of the columns, and the ignored block
-- turns it into a partitioned table with exactly the same columns, defaults and primary key
-- (CREATE TABLE ... (LIKE ... INCLUDING ALL) PARTITION BY ...), inside this migration's transaction.
-- The primary key includes the partition key, as PostgreSQL requires, and is what makes writes
-- idempotent: an event delivered twice inserts nothing the second time (ON CONFLICT DO NOTHING).
create table location.position_history (
    player_id       uuid         not null,
    recorded_at     timestamptz  not null,              -- the fix's own timestamp (device clock, checked)
    received_at     timestamptz  not null,              -- when location-service received the batch
    lat             double precision not null,
    lon             double precision not null,
    accuracy_m      real         not null,
    speed_mps       real,
    heading_deg     real,
    verdict         varchar(16)  not null,              -- TRUSTED | SUSPICIOUS | REJECTED
    reasons         varchar(255) not null,              -- comma-separated reason codes
    model_score     real,                               -- null when the model did not answer
    in_no_play_zone boolean      not null,
    cell            varchar(16)  not null,              -- H3 resolution-9 address
    event_id        uuid         not null,
    constraint position_history_pkey primary key (player_id, recorded_at)
);

-- [jooq ignore start]
alter table location.position_history rename to position_history_template;
alter table location.position_history_template rename constraint position_history_pkey to position_history_template_pkey;
create table location.position_history (like location.position_history_template including all)
    partition by range (recorded_at);
drop table location.position_history_template;
-- Daily partitions (position_history_pYYYYMMDD) are created ahead and dropped after the retention
-- by the service itself (PartitionMaintenanceJob); none exist yet.
-- [jooq ignore stop]

-- Players erased on UserDeleted, remembered so their events still in Kafka are not written back.
create table location.erased_player (
    player_id       uuid         primary key,
    erased_at       timestamptz  not null
);

-- SuspectedCheat reports (audit trail); the counting itself happens in Redis.
create table location.cheat_report (
    id              uuid         primary key,
    player_id       uuid         not null,
    rejections      integer      not null,
    window_seconds  integer      not null,
    reasons         varchar(255) not null,
    detected_at     timestamptz  not null
);

create index cheat_report_player_idx on location.cheat_report (player_id, detected_at);

-- Transactional outbox and idempotent-consumer bookkeeping (ore-events).
create table location.outbox (
    id              uuid         primary key,
    topic           varchar(249) not null,
    event_key       varchar(255) not null,
    event_type      varchar(128) not null,
    envelope        jsonb        not null,
    created_at      timestamptz  not null,
    published_at    timestamptz
);

create table location.processed_event (
    consumer        varchar(128) not null,
    event_id        uuid         not null,
    processed_at    timestamptz  not null,
    primary key (consumer, event_id)
);

-- [jooq ignore start]
create index outbox_unpublished_idx on location.outbox (created_at) where published_at is null;
-- [jooq ignore stop]

create index erased_player_at_idx on location.erased_player (erased_at);
