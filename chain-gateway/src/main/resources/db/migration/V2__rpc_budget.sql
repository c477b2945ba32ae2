-- Request budgets of rate-limited RPC endpoints, shared by every chain-gateway instance and kept
-- across restarts. One row per endpoint (the URL's host[:port], never the URL: it may hold an API
-- key) and period: a UTC day ('2025-06-14') or a UTC calendar month ('2025-06'). Instances lease
-- blocks of requests (ore.chain.rpc.budget-lease) with one upsert and spend them locally, so
-- `spent` counts requests handed out to instances, not calls made; a graceful shutdown gives the
-- unused rest back. `budget` is the limit the last lease was checked against (for operators);
-- `last_lease` is what that lease granted (the upsert returns it).
create table chain.rpc_budget (
    endpoint        varchar(255) not null,
    period          varchar(10)  not null,
    budget          bigint       not null,
    spent           bigint       not null,
    last_lease      bigint       not null,
    updated_at      timestamptz  not null,
    primary key (endpoint, period),
    constraint rpc_budget_spent_ck check (spent >= 0 and last_lease >= 0)
);
