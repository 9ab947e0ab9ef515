-- Orders (S8): the WB L0 order, normalized. One row per order with its delivery and payment beside it and its items
-- under it; an order and its parts are written in one transaction, never half. Money is exact (numeric, as sent),
-- date_created an instant. Lengths match the order's JSON Schema (libs/contracts orders/Order.schema.json).

create table orders (
    order_uid          varchar(64)  primary key check (order_uid ~ '^[A-Za-z0-9_-]{1,64}$'),
    -- arrival order: the cache restores the newest orders first
    seq                bigint       generated always as identity unique,
    track_number       varchar(64)  not null,
    entry              varchar(32)  not null,
    locale             varchar(16)  not null,
    internal_signature varchar(256) not null,
    customer_id        varchar(64)  not null,
    delivery_service   varchar(64)  not null,
    shardkey           varchar(16)  not null,
    sm_id              integer      not null check (sm_id >= 0),
    date_created       timestamptz  not null,
    oof_shard          varchar(16)  not null,
    -- SHA-256 (hex) of the order's canonical JSON: a redelivered order with the same content is ignored, one with
    -- other content under the same order_uid is dead-lettered
    content_sha256     char(64)     not null,
    received_at        timestamptz  not null default now()
);

-- the admins' listing: one customer's orders, newest first
create index orders_customer_id on orders (customer_id, date_created desc, order_uid);

create table deliveries (
    order_uid varchar(64)  primary key references orders (order_uid) on delete cascade,
    name      varchar(200) not null,
    phone     varchar(32)  not null,
    zip       varchar(16)  not null,
    city      varchar(100) not null,
    address   varchar(300) not null,
    region    varchar(100) not null,
    email     varchar(254) not null
);

create table payments (
    order_uid     varchar(64) primary key references orders (order_uid) on delete cascade,
    transaction   varchar(64) not null,
    request_id    varchar(64) not null,
    currency      char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    provider      varchar(64) not null,
    amount        numeric     not null check (amount >= 0),
    -- Unix seconds, as on the wire
    payment_dt    bigint      not null check (payment_dt >= 0),
    bank          varchar(64) not null,
    delivery_cost numeric     not null check (delivery_cost >= 0),
    goods_total   numeric     not null check (goods_total >= 0),
    custom_fee    numeric     not null check (custom_fee >= 0)
);

create table items (
    order_uid    varchar(64)  not null references orders (order_uid) on delete cascade,
    -- the item's place in the order's items array, from 0
    position     integer      not null check (position >= 0),
    chrt_id      bigint       not null check (chrt_id >= 0),
    track_number varchar(64)  not null,
    price        numeric      not null check (price >= 0),
    rid          varchar(64)  not null,
    name         varchar(200) not null,
    sale         integer      not null check (sale between 0 and 100),
    size         varchar(32)  not null,
    total_price  numeric      not null check (total_price >= 0),
    nm_id        bigint       not null check (nm_id >= 0),
    brand        varchar(200) not null,
    status       integer      not null check (status >= 0),
    primary key (order_uid, position)
);
