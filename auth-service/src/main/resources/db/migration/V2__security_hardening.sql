-- Security hardening (issue 8): a history of wallet changes, part of the GDPR export.

create table auth.wallet_change (
    id              uuid        primary key,
    player_id       uuid        not null references auth.player (id) on delete cascade,
    action          varchar(16) not null,                  -- 'linked' | 'unlinked'
    wallet_address  varchar(42) not null,
    chain_id        bigint,
    session_id      uuid,                                  -- the refresh family the change was made in
    changed_at      timestamptz not null,
    constraint wallet_change_action_ck check (action in ('linked', 'unlinked'))
);

create index wallet_change_player_idx on auth.wallet_change (player_id, changed_at);
