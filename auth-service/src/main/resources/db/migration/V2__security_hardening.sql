-- Security hardening (issue 8): a history of wallet changes (part of the GDPR export), and pending
-- e-mail verifications: an e-mail becomes a login identifier only after its owner confirms it.

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

create table auth.email_verification (
    token_hash      char(64)    primary key,               -- SHA-256 (hex) of the single-use code mailed to the address
    player_id       uuid        not null references auth.player (id) on delete cascade,
    email           varchar(254) not null,
    password_hash   varchar(255) not null,                 -- chosen at the request, applied on confirmation
    created_at      timestamptz not null,
    expires_at      timestamptz not null
);

create index email_verification_player_idx on auth.email_verification (player_id);
