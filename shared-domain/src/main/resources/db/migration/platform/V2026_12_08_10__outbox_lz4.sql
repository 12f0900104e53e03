-- A stored publication's serialized events are compressed when the row is written (TOAST, from
-- about 2 KB; a ledger write's batch is larger, a bulk's about 2 MB), and pglz, the default,
-- takes several times the CPU of lz4 for rows that live only until Kafka acknowledged them
-- (BENCHMARKS.md, ledger run 12). lz4 where the server was built with it, pglz otherwise.
DO $$
BEGIN
    ALTER TABLE event_publication ALTER COLUMN serialized_event SET COMPRESSION lz4;
EXCEPTION
    WHEN feature_not_supported OR invalid_parameter_value THEN
        RAISE NOTICE 'lz4 is not available on this server: the outbox keeps pglz';
END
$$;
