-- Enterprises imported into the watchlist (yuqing watchlist import FILE.csv). The service watches these together with
-- those listed in the config file. Names are stored as JSON arrays so one row is one enterprise.
CREATE TABLE watchlist_enterprise (
    id           VARCHAR(200) PRIMARY KEY,
    name         VARCHAR(500) NOT NULL,
    short_names  VARCHAR(4000) NOT NULL,
    aliases      VARCHAR(4000) NOT NULL,
    credit_code  VARCHAR(64)  NOT NULL,
    district     VARCHAR(200) NOT NULL,
    industry     VARCHAR(200) NOT NULL,
    imported_at  TIMESTAMP    NOT NULL
);
