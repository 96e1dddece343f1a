-- Sources as staff manage them at run time. A source from the config file has a row only once it is paused or
-- resumed (definition NULL: the file defines it); a source added from the console or the CLI keeps its definition here
-- as YAML in the config file's shape, so one validator reads both.
CREATE TABLE source_registry (
    id          VARCHAR(64)  PRIMARY KEY,
    definition  TEXT         NULL,
    paused      BOOLEAN      NOT NULL,
    changed_by  VARCHAR(128) NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
