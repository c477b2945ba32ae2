-- Registration and password reset by mailed codes (security review: no account enumeration).
--
-- A registration waits in auth.email_verification like a guest upgrade does, but with no player:
-- the account is created only when the code mailed to the address is confirmed. A password reset
-- code is a row of auth.password_reset. Both hold only the SHA-256 of their single-use code, and
-- expired rows are deleted by the housekeeping job (a pending registration holds an address and a
-- password hash that belong to nobody yet).

alter table auth.email_verification alter column player_id drop not null;   -- null: a registration

create index email_verification_expires_idx on auth.email_verification (expires_at);

create table auth.password_reset (
    token_hash      char(64)    primary key,               -- SHA-256 (hex) of the single-use code mailed to the address
    player_id       uuid        not null references auth.player (id) on delete cascade,
    created_at      timestamptz not null,
    expires_at      timestamptz not null
);

create index password_reset_player_idx on auth.password_reset (player_id);
create index password_reset_expires_idx on auth.password_reset (expires_at);
