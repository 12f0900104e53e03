-- Octavia Core: roles and database for EXTERNAL PostgreSQL.
-- Run as a superuser with psql (it relies on \gexec); safe to re-run:
--   psql -h HOST -U postgres -v ON_ERROR_STOP=1 -f scripts/db-init.sql
-- The docker-compose postgres service runs it from /docker-entrypoint-initdb.d/.
--
-- octavia_owner owns the database and runs the Flyway migrations.
-- octavia_app is what the application connects as: it must not be able to
-- bypass row-level security, so it gets no superuser/BYPASSRLS/role/db rights.
-- The passwords are development defaults; change them for anything shared.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'octavia_owner') THEN
    CREATE ROLE octavia_owner;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'octavia_app') THEN
    CREATE ROLE octavia_app;
  END IF;
END
$$;

-- ALTER (not only CREATE) so a re-run also repairs attributes changed by hand.
ALTER ROLE octavia_owner WITH LOGIN PASSWORD 'octavia_owner'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
ALTER ROLE octavia_app WITH LOGIN PASSWORD 'octavia_app'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;

-- CREATE DATABASE cannot run inside a DO block (it is a transaction).
SELECT 'CREATE DATABASE octavia OWNER octavia_owner'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'octavia')\gexec

ALTER DATABASE octavia OWNER TO octavia_owner;
REVOKE ALL ON DATABASE octavia FROM PUBLIC;
GRANT CONNECT ON DATABASE octavia TO octavia_app;
