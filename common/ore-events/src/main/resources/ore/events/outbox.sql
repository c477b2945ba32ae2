-- Transactional outbox and idempotent-consumer tables of one service (see ore-events README.md).
-- Copy into the service's own Flyway migration with ${schema} replaced by its schema name.

create table ${schema}.outbox (
    id           uuid        primary key,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    envelope     jsonb       not null,
    created_at   timestamptz not null,
    published_at timestamptz
);

-- The relay's query: the oldest unpublished rows. Published rows drop out of the index.
create index outbox_unpublished_idx on ${schema}.outbox (created_at) where published_at is null;

create table ${schema}.processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);

-- InboxPruner's query: rows processed before the retention cutoff (ore.inbox.retention).
create index processed_event_processed_at_idx on ${schema}.processed_event (processed_at);

-- Rows the relay set aside after they kept failing (Kafka rejects the record, or its topic has no
-- metadata while other topics work), so they no longer hold back the rows behind them. Inspect, fix
-- the cause, and move a row back into outbox (with published_at null) to send it again.
create table ${schema}.outbox_dead_letter (
    id           uuid        primary key,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    envelope     jsonb       not null,
    created_at   timestamptz not null,
    failed_at    timestamptz not null,
    attempts     integer     not null,
    last_error   text
);
