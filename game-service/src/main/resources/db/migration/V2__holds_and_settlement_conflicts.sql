-- Anti-cheat holds: location-service raises SuspectedCheat (ore.location.cheat); game-service holds the
-- player's mining and reward claims until an admin releases them. player.held_at is the flag every
-- mine and claim reads with the player's row lock (no extra round trip); player_hold is the record
-- reviewers work from (one row per report, released_at set when released).
alter table game.player add column held_at timestamptz;

create table game.player_hold (
    id              uuid        primary key,              -- the SuspectedCheat event id
    player_id       uuid        not null,
    rejections      integer     not null,
    window_seconds  bigint      not null,
    reasons         varchar(500) not null,                -- reason codes, comma-separated
    detected_at     timestamptz not null,
    held_at         timestamptz not null,
    released_at     timestamptz,
    released_by     varchar(100),
    release_note    varchar(500)
);

create index player_hold_player_idx on game.player_hold (player_id, held_at);

-- Settlements that contradict a claim's final status (PAID after FAILED: the ore was refunded AND
-- the tokens were paid; or FAILED after PAID). Nothing is changed automatically: the row, a metric and
-- an admin endpoint make sure a person reconciles it.
create table game.settlement_conflict (
    id              uuid        primary key,              -- the settlement event id
    reward_id       uuid        not null,
    recorded_status varchar(16) not null,
    incoming_status varchar(16) not null,
    incoming_tx_hash varchar(66),
    incoming_reason varchar(500),
    detected_at     timestamptz not null,
    resolved_at     timestamptz,
    resolved_by     varchar(100),
    resolution_note varchar(500)
);

create index settlement_conflict_open_idx on game.settlement_conflict (detected_at);
